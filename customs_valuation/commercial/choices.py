"""The code tables of part 2.2 (CUS-29, CUS-30, CUS-58 to CUS-95). Rules and models both import
this module, never each other."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ActorKind(models.TextChoices):
    """CUS-95: who acts on a commercial case."""

    SYSTEM = "system", _("The system")
    AGENT = "agent", _("Customs agent")
    VALUER = "valuer", _("Valuer")
    CHIEF = "chief", _("Chief valuer")
    UNIT = "unit", _("Valuation unit")
    DIRECTOR = "director", _("Director")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Verifying the declared value")
    NOT_CONVINCED = "not_convinced", _("Not convinced: waiting for the importer's choice")
    UNDER_CHECK = "under_check", _("The importer chose; the valuer's check continues")
    CHIEF_VALUER = "chief_valuer", _("With the chief valuer (released against security)")
    METHODS = "methods", _("Transaction value disqualified: alternative methods")
    ACCEPTED = "accepted", _("Declared value accepted")
    VALUE_SET = "value_set", _("Value set and notified")


class CaseAction(models.TextChoices):
    ACCEPT = "accept", _("Accept the declared value")
    NOT_SATISFIED = "not_satisfied", _("Tell the importer the valuer is not satisfied")
    CHOOSE_SUPERVISION = "choose_supervision", _("Goods stay under supervision")
    CHOOSE_PROTEST = "choose_protest", _("Release paying under protest")
    CHOOSE_SECURITY = "choose_security", _("Release against a deposit or guarantee")
    RETURN_TO_VALUER = "return_to_valuer", _("Return the file to the valuer")
    DISQUALIFY = "disqualify", _("Disqualify the transaction value")
    SET_VALUE = "set_value", _("Set the value and notify")


class Ground(models.TextChoices):
    """CUS-29: grounds that disqualify the transaction value."""

    NO_SALE = "a", _("(a) No sale for export (decision 1.1)")
    RESTRICTIONS = "b", _("(b) Restrictions on the sale, transfer or use of the goods")
    CONDITIONS = "c", _("(c) Conditions or consideration affecting the sale (132(b)(2))")
    PROCEEDS = "d", _("(d) Proceeds beyond the sales invoice (132(b)(3))")
    RELATIONSHIP = "e", _("(e) Special relationships that affected the value (132(b)(4))")
    DOUBT = "f", _("(f) Reasonable doubt the importer did not refute (decision 6.1)")


class Trigger(models.TextChoices):
    """CUS-60: the 14 suspicion triggers."""

    RESTRICTIONS = "a", _("(a) Restrictions on the sale, transfer or use suspected")
    CONDITIONS = "b", _("(b) Conditions or consideration declared or suspected")
    PROCEEDS = "c", _("(c) Proceeds beyond the invoice suspected")
    RELATIONSHIP = "d", _("(d) Special relationships declared or suspected")
    LOW_VALUE = "e", _("(e) The declared value is especially low")
    DOCUMENTS_MISMATCH = "f", _("(f) The entry's data do not match the documents")
    ROYALTIES = "g", _("(g) Royalties or licence fees declared or suspected")
    ASSISTS = "h", _("(h) Goods or services supplied by the importer for production")
    EXPENSES = "i", _("(i) Further expenses not in the invoice")
    COMMISSIONS = "j", _("(j) Commissions declared or suspected")
    FALSE_ENTRIES = "k", _("(k) False entries in the import documents")
    DEDUCTIONS = "l", _("(l) Deductions or discounts from the invoice price declared")
    FREE_GOODS = "m", _("(m) Goods given without consideration")
    OTHER = "n", _("(n) Any other reason for suspicion")


LOW_VALUE_BASES: dict[str, "StrOrPromise"] = {
    "e1": _("differs significantly from identical or similar goods (value history)"),
    "e2": _("lower than the manufacturer's price to the supplier"),
    "e3": _("the usual freight is high or close to the declared value"),
}


class RequestItem(models.TextChoices):
    """CUS-61: the documents the valuer may ask for."""

    PRICE_LIST = "a", _("(a) The supplier's price list")
    CATALOGUES = "b", _("(b) Catalogues")
    BANK_TRANSFERS = "c", _("(c) Bank transfers")
    CONTRACTS = "d", _("(d) Contracts or agreements (supplier, agent, trademark owner)")
    CORRESPONDENCE = "e", _("(e) Correspondence with importers, exporters, intermediaries")
    FORM_145 = "f", _("(f) Form 145, original")
    PACKING = "g1", _("(g)(1) Further costs: packing and containers")
    MATERIALS = "g2", _("(g)(2) Further costs: materials and parts incorporated")
    TOOLS = "g3", _("(g)(3) Further costs: equipment, tools, moulds, tests")
    DESIGN = "g4", _("(g)(4) Further costs: engineering, art, design abroad")
    TRANSFERS = "g5", _("(g)(5) Further costs: money transfers about the goods")
    FINISHING = "g6", _("(g)(6) Further costs: finishing and processing")
    ROYALTIES = "g7", _("(g)(7) Further costs: royalties and licence fees")
    COMMISSIONS = "g8", _("(g)(8) Further costs: selling commissions, brokerage")
    OTHER = "h", _("(h) Any other relevant document")


class VerificationStep(models.TextChoices):
    """CUS-59 (documents attached) and CUS-63 (verification once the documents arrive)."""

    SALES_INVOICE = "59a", _("Sales invoice (regulation 6; a third party's only if in the value)")
    FREIGHT_INVOICE = "59b", _("Freight and insurance invoice")
    EXPENSE_DOCUMENTS = "59c", _("Documents of expenses and further payments (section 133)")
    PAYMENT = "63a", _("Payment of the full price traced in the importer's records")
    ALL_INVOICES = "63b", _("Every invoice for the goods counted in the value")
    DELIVERY_TERMS = "63c", _("Terms on the bill of lading match the invoice")
    FREIGHT_INSURANCE = "63d", _("Freight and insurance in the declared value")
    REDUCTIONS = "63e", _("Every price reduction lawful")
    FURTHER_AMOUNTS = "63f", _("Further amounts to the supplier or a third party")
    PHYSICAL = "63g", _("Physical examination of the goods' condition")


class CheckResult(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PROBLEM = "problem", _("Problem")
    NA = "na", _("Not applicable")


class TransactionNature(models.TextChoices):
    """CUS-58, CUS-89."""

    SALE = "sale", _("Sale for export to Israel")
    CONSIGNMENT = "consignment", _("Consignment")
    NO_CONSIDERATION = "no_consideration", _("Goods without consideration")
    LEASE = "lease", _("Leased goods")
    RIGHT_OF_USE = "right_of_use", _("Temporary import: price paid for the right of use")


class InvoiceKind(models.TextChoices):
    """CUS-89: only a sales invoice can carry a transaction value."""

    SALES_INVOICE = "sales_invoice", _("Sales invoice")
    PRO_FORMA = "pro_forma", _("Pro forma invoice")
    RENTAL_INVOICE = "rental_invoice", _("Rental invoice")
    ATA_CARNET = "ata_carnet", _("ATA carnet")


class TransportMode(models.TextChoices):
    SEA = "sea", _("Sea")
    AIR = "air", _("Air")
    LAND = "land", _("Land")
    POST = "post", _("Post and courier")


class Destination(models.TextChoices):
    ISRAEL = "israel", _("Israel")
    AUTONOMY = "autonomy", _("The autonomy areas")


class Special(models.TextChoices):
    """CUS-90, CUS-91: special cases the case records."""

    NONE = "", _("None")
    CIGARETTES = "cigarettes", _("Cigarettes (wholesale price, CUS-90)")
    CARRIER_MEDIA = "carrier_media", _("Carrier media with intangible goods (CUS-91)")


class LineKind(models.TextChoices):
    """A worksheet line: the price, an addition or a deduction."""

    PRICE = "price", _("Price paid or payable")
    COMMISSION = "commission", _("Commission")
    INTEREST = "interest", _("Financing interest")
    ASSIST = "assist", _("Assist")
    ROYALTY = "royalty", _("Royalties and licence fees")
    FREIGHT = "freight", _("Freight")
    INSURANCE = "insurance", _("Insurance")
    KOSHER = "kosher", _("Kosher costs")
    EXPORT_TAX = "export_tax", _("Taxes of the export country")
    OTHER_ADDITION = "other_addition", _("Other addition (e.g. handling fees on the invoice)")
    DISCOUNT = "discount", _("Discount")
    CREDIT_NOTE = "credit_note", _("Credit note")


DEDUCTIONS = frozenset({LineKind.DISCOUNT, LineKind.CREDIT_NOTE})


class CommissionKind(models.TextChoices):
    BUYING = "buying", _("Buying commission")
    SELLING = "selling", _("Selling commission or brokerage")


class DiscountKind(models.TextChoices):
    """CUS-68: a discount judged by its substance; the last three are never recognised."""

    QUANTITY = "quantity", _("Quantity discount on these goods")
    CASH = "cash", _("Cash or early-payment discount")
    TRADE = "trade", _("Trade-level discount")
    OTHER = "other", _("Other discount for these goods")
    PAST_GOODS = "past_goods", _("For goods imported in the past")
    ANNUAL_TARGET = "annual_target", _("For meeting annual sales targets")
    WARRANTY = "warranty", _("Warranty discount (goods given free under a warranty)")


class FreightKind(models.TextChoices):
    """CUS-65: freight lines by type."""

    CARRIAGE = "carriage", _("Carriage to the port or place of import")
    SURCHARGE = "surcharge", _("Surcharge on the freight invoice (risk, currency, congestion)")
    DEMURRAGE = "demurrage", _("Container demurrage")
    CONTAINER_DEPOSIT = "container_deposit", _("Container deposit")
    INTER_PORT = "inter_port", _("Moving the goods between ports in Israel")
    SPECIAL_CIRCUMSTANCE = "special", _("Special circumstance beyond the importer's control")
    AIR_DIFFERENCE = "air_difference", _("Air instead of sea, not up to the importer")


class AssistCategory(models.TextChoices):
    """CUS-75."""

    MATERIALS = "a", _("(a) Materials, components, parts incorporated in the goods")
    TOOLS = "b", _("(b) Tools, dies, moulds used in producing them")
    CONSUMED = "c", _("(c) Materials consumed in producing them")
    DESIGN = "d", _("(d) Engineering, development, art, design done abroad")


class SpreadWay(models.TextChoices):
    """CUS-77: the importer's choice of how an assist is spread."""

    FIRST_SHIPMENT = "a", _("(a) Over the units of the first shipment")
    PRODUCED = "b", _("(b) Over the units produced up to the first shipment")
    CONTRACT = "c", _("(c) Over the total expected import under contract")


class RelatedAlternative(models.TextChoices):
    """CUS-71: the alternative of section 132(b)(4)(b) the importer chooses."""

    UNRELATED_BUYERS = "unrelated_buyers", _("Transaction value to unrelated buyers in Israel")
    DEDUCTIVE = "deductive", _("Deductive value of identical or similar goods")
    COMPUTED = "computed", _("Computed value of identical or similar goods")


class CreditNoteKind(models.TextChoices):
    CREDIT_NOTE = "credit_note", _("Credit note")
    FURTHER_PAYMENT = "further_payment", _("Further payment not on the supplier's invoice")


class CreditNoteStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the chief valuer")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ImporterOption(models.TextChoices):
    """CUS-80."""

    SUPERVISION = "a", _("(a) Leave the goods under customs supervision until the check ends")
    PROTEST = "b", _("(b) Release them, paying under protest")
    SECURITY = "c", _("(c) Release them against a deposit or bank guarantee")


class SecurityKind(models.TextChoices):
    PROTEST_PAYMENT = "protest_payment", _("Payment under protest")
    DEPOSIT = "deposit", _("Deposit")
    BANK_GUARANTEE = "bank_guarantee", _("Bank guarantee")


class NoticeKind(models.TextChoices):
    NOT_SATISFIED = "not_satisfied", _("Notice: the declared value is not accepted as shown")
    ENTRY_CORRECTION = "entry_correction", _("Notice of entry correction")
    DEFICIT = "deficit", _("Deficit notice (section 133ח)")


class Method(models.TextChoices):
    """CUS-30: the transaction value and the five alternative methods, in their order."""

    TRANSACTION = "transaction", _("Transaction value (section 132)")
    IDENTICAL = "identical", _("Identical goods (section 133א)")
    SIMILAR = "similar", _("Similar goods (section 133ב)")
    DEDUCTIVE = "deductive", _("Sale price in Israel (section 133ד)")
    COMPUTED = "computed", _("Computed value (section 133ה)")
    FALLBACK = "fallback", _("Fallback method (section 133ו)")


class FallbackBasis(models.TextChoices):
    """CUS-88: the basis of a fallback value; the last ten are forbidden and refused by name."""

    FLEXIBLE_IDENTICAL = "flexible_identical", _("Identical goods, applied flexibly")
    FLEXIBLE_SIMILAR = "flexible_similar", _("Similar goods, applied flexibly")
    FLEXIBLE_DEDUCTIVE = "flexible_deductive", _("Sale price in Israel, applied flexibly")
    FLEXIBLE_COMPUTED = "flexible_computed", _("Computed value, applied flexibly")
    OTHER_REASONABLE = "other_reasonable", _("Another reasonable method (described)")
    ISRAELI_CONSUMER_PRICE = (
        "israeli_consumer_price",
        _("The consumer price of goods produced in Israel"),
    )
    HIGHER_OF_TWO = "higher_of_two", _("A method taking the higher of two values")
    EXPORT_COUNTRY_DOMESTIC_PRICE = (
        "export_country_domestic_price",
        _("The price on the export country's domestic market"),
    )
    PRODUCTION_COST = (
        "production_cost",
        _("Production cost (other than a computed value of identical or similar goods)"),
    )
    EXPORT_TO_OTHER_COUNTRY = (
        "export_to_other_country",
        _("The price for export to a country other than Israel"),
    )
    MINIMUM_VALUES = "minimum_values", _("Minimum customs values")
    ARBITRARY = "arbitrary", _("Arbitrary or fictitious values")
    WEBSITE_PRICES = "website_prices", _("A website showing sale prices abroad")
    EX_FACTORY_PRICES = "ex_factory_prices", _("The supplier's ex-factory prices abroad")
    COMMODITY_EXCHANGE = "commodity_exchange", _("Commodity-exchange prices")


class CandidateVerdict(models.TextChoices):
    """CUS-84: why a candidate of identical or similar goods was kept or dropped."""

    CHOSEN = "chosen", _("Chosen: the lowest kept")
    HIGHER = "higher", _("Kept, higher than the one chosen")
    OTHER_MANUFACTURER = "other_manufacturer", _("Dropped: a candidate of the same maker exists")
    PERIOD = "period", _("Dropped: outside the period")
    TARIFF_ITEM = "tariff_item", _("Dropped: another tariff item")
    COUNTRY = "country", _("Dropped: another country of export")
    NOT_IDENTICAL = "not_identical", _("Dropped: the valuer found it not identical/similar")


class AuditAction(models.TextChoices):
    """What a case's history says happened (texts are codes, translated when shown)."""

    OPENED = "commercial.opened", _("Commercial valuation case opened")
    FACTS = "commercial.facts", _("Facts of the transaction recorded")
    ITEM = "commercial.item", _("Tariff item recorded")
    GROUND = "commercial.ground", _("Disqualifying ground recorded")
    TRIGGER = "commercial.trigger", _("Suspicion trigger recorded")
    VERIFICATION = "commercial.verification", _("Verification step recorded")
    DOCUMENTS_REQUESTED = "commercial.documents_requested", _("Documents asked for")
    DOCUMENT_UPLOADED = "commercial.document_uploaded", _("Document uploaded")
    FORM_145 = "commercial.form_145", _("Form 145 checked")
    LINE = "commercial.line", _("Worksheet line recorded")
    LINE_REMOVED = "commercial.line_removed", _("Worksheet line removed")
    ASSIST = "commercial.assist", _("Assist recorded")
    ASSIST_WAY = "commercial.assist_way", _("Assist spreading changed")
    RELATED = "commercial.related", _("Special relationship examined")
    CREDIT_NOTE = "commercial.credit_note", _("Credit note asked for")
    CREDIT_NOTE_DECIDED = "commercial.credit_note_decided", _("Credit note decided")
    ACCEPTED = "commercial.accepted", _("Declared value accepted")
    NOT_SATISFIED = "commercial.not_satisfied", _("Importer told the valuer is not satisfied")
    CHOICE = "commercial.choice", _("Importer's choice recorded")
    SECURITY = "commercial.security", _("Payment or security recorded")
    RETURNED = "commercial.returned", _("File returned to the valuer")
    DISQUALIFIED = "commercial.disqualified", _("Transaction value disqualified")
    METHOD_REFUSED = "commercial.method_refused", _("Method recorded as inapplicable")
    CANDIDATES = "commercial.candidates", _("Candidates searched")
    CANDIDATE = "commercial.candidate", _("Candidate assessed")
    VALUE_SET = "commercial.value_set", _("Value set and notified")
    CONSULTED = "commercial.consulted", _("Valuation unit consulted")
    CONSULT_ANSWERED = "commercial.consult_answered", _("Valuation unit answered")
    DAMAGE_REQUESTED = "commercial.damage_requested", _("Damage reduction asked for")
    DAMAGE_DECIDED = "commercial.damage_decided", _("Valuers committee decided")
    FREIGHT_NOTICE = "commercial.freight_notice", _("Director's freight notice issued")
