"""The pure rules of part 2.2 (CUS-29, CUS-30, CUS-58 to CUS-95), one test (or more) per rule,
named by number. Every expected amount is worked out by hand in a comment, never computed by
the code under test. No database: plain values in and out."""

from datetime import date
from decimal import Decimal as D

import pytest

from customs_valuation.commercial import rules
from customs_valuation.commercial.choices import (
    ActorKind,
    AssistCheck,
    CaseAction,
    CaseStatus,
    CheckResult,
    CommissionKind,
    DiscountKind,
    FallbackBasis,
    FreightKind,
    Ground,
    ImporterOption,
    InvoiceKind,
    Method,
    NoticeKind,
    RequestItem,
    SpreadWay,
    TransactionNature,
    Trigger,
    VerificationStep,
)

# --- Statuses: the transition table ---------------------------------------------------------


def test_cus_95_statuses_change_only_through_the_table():
    assert rules.next_status(CaseStatus.OPEN, CaseAction.ACCEPT) == CaseStatus.ACCEPTED
    assert rules.next_status(CaseStatus.OPEN, CaseAction.DISQUALIFY) == CaseStatus.METHODS
    assert rules.next_status(CaseStatus.METHODS, CaseAction.SET_VALUE) == CaseStatus.VALUE_SET
    for final in (CaseStatus.ACCEPTED, CaseStatus.VALUE_SET):
        for action in CaseAction:
            with pytest.raises(rules.Refused):
                rules.next_status(final, action)
    # Alternative methods cannot end in "accepted": the declared value was disqualified.
    with pytest.raises(rules.Refused):
        rules.next_status(CaseStatus.METHODS, CaseAction.ACCEPT)


def test_cus_95_who_acts_on_a_case():
    # The agent records the importer's choice; the valuer never does.
    assert rules.may_act(ActorKind.AGENT, CaseStatus.NOT_CONVINCED, CaseAction.CHOOSE_PROTEST)
    assert not rules.may_act(ActorKind.VALUER, CaseStatus.NOT_CONVINCED, CaseAction.CHOOSE_PROTEST)
    # The valuer decides an open case; the agent never does.
    assert rules.may_act(ActorKind.VALUER, CaseStatus.OPEN, CaseAction.ACCEPT)
    assert not rules.may_act(ActorKind.AGENT, CaseStatus.OPEN, CaseAction.ACCEPT)
    # Valuation-unit staff consult and read; they do not decide cases.
    assert not rules.may_act(ActorKind.UNIT, CaseStatus.OPEN, CaseAction.ACCEPT)
    # A chief valuer is also a valuer.
    assert rules.may_act(ActorKind.CHIEF, CaseStatus.OPEN, CaseAction.DISQUALIFY)


def test_cus_81_only_option_c_moves_the_file_to_the_chief_valuer():
    a = rules.next_status(CaseStatus.NOT_CONVINCED, CaseAction.CHOOSE_SUPERVISION)
    b = rules.next_status(CaseStatus.NOT_CONVINCED, CaseAction.CHOOSE_PROTEST)
    c = rules.next_status(CaseStatus.NOT_CONVINCED, CaseAction.CHOOSE_SECURITY)
    assert a == b == CaseStatus.UNDER_CHECK
    assert c == CaseStatus.CHIEF_VALUER
    # Under (c) the chief valuer decides how it continues; the valuer of the case does not.
    assert rules.may_act(ActorKind.CHIEF, CaseStatus.CHIEF_VALUER, CaseAction.ACCEPT)
    assert not rules.may_act(ActorKind.VALUER, CaseStatus.CHIEF_VALUER, CaseAction.ACCEPT)
    assert rules.may_act(ActorKind.CHIEF, CaseStatus.CHIEF_VALUER, CaseAction.RETURN_TO_VALUER)
    # Under (a) and (b) the valuer keeps it.
    assert rules.may_act(ActorKind.VALUER, CaseStatus.UNDER_CHECK, CaseAction.ACCEPT)


# --- CUS-29: grounds that disqualify the transaction value ----------------------------------


@pytest.mark.parametrize("code", ["a", "b", "c", "d", "e"])
def test_cus_29_each_ground_with_its_reason_disqualifies(code):
    rules.check_disqualification([rules.GroundFinding(code, "Found in the contract, clause 4.")])


def test_cus_29_the_six_grounds_are_a_to_f():
    assert [g.value for g in Ground] == ["a", "b", "c", "d", "e", "f"]


def test_cus_29_a_disqualification_needs_at_least_one_ground():
    with pytest.raises(rules.Refused) as refused:
        rules.check_disqualification([])
    assert refused.value.field == "grounds"


def test_cus_29_a_ground_needs_its_reason():
    with pytest.raises(rules.Refused):
        rules.check_disqualification([rules.GroundFinding(Ground.RESTRICTIONS, "   ")])


def test_cus_29_f_needs_what_the_importer_was_asked_and_answered():
    with pytest.raises(rules.Refused):
        rules.check_disqualification([rules.GroundFinding(Ground.DOUBT, "Far below the median.")])
    with pytest.raises(rules.Refused):
        rules.check_disqualification(
            [rules.GroundFinding(Ground.DOUBT, "Far below.", asked="Explain the price.")]
        )
    rules.check_disqualification(
        [
            rules.GroundFinding(
                Ground.DOUBT, "Far below.", asked="Explain the price.", answered="No answer."
            )
        ]
    )


def test_cus_29_a_ground_is_recorded_once_and_only_known_grounds():
    twice = [rules.GroundFinding("b", "One."), rules.GroundFinding("b", "Two.")]
    with pytest.raises(rules.Refused):
        rules.check_disqualification(twice)
    with pytest.raises(rules.Refused):
        rules.check_disqualification([rules.GroundFinding("g", "No such ground.")])


# --- CUS-58, CUS-89: no sale; documents that are not sales invoices --------------------------


def test_cus_58_a_sale_with_a_sales_invoice_may_have_a_transaction_value():
    assert rules.transaction_value_barred(TransactionNature.SALE, InvoiceKind.SALES_INVOICE) == []


@pytest.mark.parametrize(
    "nature",
    [TransactionNature.CONSIGNMENT, TransactionNature.NO_CONSIDERATION, TransactionNature.LEASE],
)
def test_cus_58_no_sale_means_the_alternative_methods(nature):
    assert rules.transaction_value_barred(nature, InvoiceKind.SALES_INVOICE) == ["no_sale"]


def test_cus_89_a_price_for_the_right_of_use_is_not_a_sale():
    barred = rules.transaction_value_barred(
        TransactionNature.RIGHT_OF_USE, InvoiceKind.SALES_INVOICE
    )
    assert barred == ["right_of_use"]


@pytest.mark.parametrize(
    "kind", [InvoiceKind.PRO_FORMA, InvoiceKind.RENTAL_INVOICE, InvoiceKind.ATA_CARNET]
)
def test_cus_89_a_carnet_pro_forma_or_rental_invoice_is_never_the_transaction_value(kind):
    assert rules.transaction_value_barred(TransactionNature.SALE, kind) == ["not_a_sales_invoice"]


def test_cus_89_the_value_is_as_at_the_date_of_import():
    # Imported 1 March 2026 on lease, sold in Israel 1 September 2026, valued 5 October 2026.
    assert rules.valuation_date(
        import_date=date(2026, 3, 1), sale_date=date(2026, 9, 1), valued_on=date(2026, 10, 5)
    ) == date(2026, 3, 1)


# --- CUS-60: suspicion triggers ---------------------------------------------------------------


def test_cus_60_the_checklist_has_the_14_triggers_a_to_n():
    assert [t.value for t in Trigger] == list("abcdefghijklmn")


def _flags(**overrides):
    values = {
        "unit_values": [],
        "low_share_percent": D(70),
        "supplier_is_manufacturer": True,
        "manufacturer_price": None,
        "declared_value": D("10000.00"),
        "incoterm": "FOB",
        "usual_freight": None,
        "freight_share_percent": D(50),
        "entry_value": D("10000.00"),
        "invoice_total": D("10000.00"),
    }
    return rules.computed_triggers(**(values | overrides))


def test_cus_60_e1_flags_a_unit_value_under_70_percent_of_the_median():
    # Median 100.00 a unit: 70% of it is 70.00. 69.99 is under it; 70.00 is not.
    low = _flags(unit_values=[rules.ItemUnitValue("8516.40", D("69.99"), D("100.00"))])
    assert low == {Trigger.LOW_VALUE: ("e1",)}
    assert _flags(unit_values=[rules.ItemUnitValue("8516.40", D("70.00"), D("100.00"))]) == {}
    # No accepted values in the 12 months: nothing to compare with, no flag.
    assert _flags(unit_values=[rules.ItemUnitValue("8516.40", D("1.00"), None)]) == {}


def test_cus_60_e2_flags_a_value_under_the_manufacturers_price_to_a_supplier_who_is_not_it():
    # Declared 10,000.00; the supplier bought from the manufacturer for 10,000.01.
    assert _flags(supplier_is_manufacturer=False, manufacturer_price=D("10000.01")) == {
        Trigger.LOW_VALUE: ("e2",)
    }
    assert _flags(supplier_is_manufacturer=False, manufacturer_price=D("10000.00")) == {}
    # When the supplier is the manufacturer there is no such comparison.
    assert _flags(supplier_is_manufacturer=True, manufacturer_price=D("99999")) == {}


def test_cus_60_e3_flags_terms_with_freight_when_the_usual_freight_is_half_the_value_or_more():
    # CIF includes freight; 50% of 10,000.00 is 5,000.00: 5,000.00 flags, 4,999.99 does not.
    assert _flags(incoterm="CIF", usual_freight=D("5000.00")) == {Trigger.LOW_VALUE: ("e3",)}
    assert _flags(incoterm="CIF", usual_freight=D("4999.99")) == {}
    # FOB: freight is not in the terms of sale.
    assert _flags(incoterm="FOB", usual_freight=D("9000.00")) == {}


def test_cus_60_f_flags_an_entry_value_that_differs_from_the_invoice_total():
    assert _flags(invoice_total=D("10000.01")) == {Trigger.DOCUMENTS_MISMATCH: ("f",)}
    assert _flags(invoice_total=None) == {}


def test_cus_60_several_bases_of_e_are_named_together():
    flags = _flags(
        unit_values=[rules.ItemUnitValue("6403.99", D("10.00"), D("100.00"))],
        supplier_is_manufacturer=False,
        manufacturer_price=D("12000"),
    )
    assert flags == {Trigger.LOW_VALUE: ("e1", "e2")}


def test_cus_60_a_flag_is_cleared_only_with_a_reason():
    with pytest.raises(rules.Refused):
        rules.check_trigger_change(flagged=True, marked=False, resolution="")
    rules.check_trigger_change(flagged=True, marked=False, resolution="The median is of toys.")
    # A trigger the valuer marks themself needs no reason to be marked.
    rules.check_trigger_change(flagged=False, marked=True, resolution="")


def test_cus_60_the_declared_value_is_accepted_only_when_every_marked_trigger_is_resolved():
    states = [
        rules.TriggerState(Trigger.ROYALTIES, marked=True, resolution="Licence fee added."),
        rules.TriggerState(Trigger.COMMISSIONS, marked=True, resolution=""),
        rules.TriggerState(Trigger.OTHER, marked=False, resolution=""),
    ]
    assert rules.unresolved_triggers(states) == [Trigger.COMMISSIONS]


# --- CUS-61, CUS-62: documents asked for; form 145 --------------------------------------------


def test_cus_61_the_documents_that_may_be_asked_for():
    codes = [i.value for i in RequestItem]
    assert codes == ["a", "b", "c", "d", "e", "f"] + [f"g{n}" for n in range(1, 9)] + ["h"]


def test_cus_61_the_default_due_date_is_30_days():
    # 10 March + 30 days = 9 April.
    assert rules.default_due_date(date(2026, 3, 10), 30) == date(2026, 4, 9)


def test_cus_61_a_request_lists_known_items_once_with_a_due_date_after_it():
    on = date(2026, 3, 10)
    rules.check_request([("a", ""), ("g7", "The licence agreement.")], on, date(2026, 4, 9))
    with pytest.raises(rules.Refused):
        rules.check_request([], on, date(2026, 4, 9))
    with pytest.raises(rules.Refused):
        rules.check_request([("a", ""), ("a", "")], on, date(2026, 4, 9))
    with pytest.raises(rules.Refused):
        rules.check_request([("z", "")], on, date(2026, 4, 9))
    with pytest.raises(rules.Refused) as refused:
        rules.check_request([("a", "")], on, on)
    assert refused.value.field == "due_on"


def test_cus_61_a_lapsed_date_is_only_shown():
    # Due 9 April: lapsed from 10 April; nothing happens automatically (no status).
    assert not rules.request_lapsed(date(2026, 4, 9), today=date(2026, 4, 9))
    assert rules.request_lapsed(date(2026, 4, 9), today=date(2026, 4, 10))


def test_cus_62_form_145_is_relied_on_only_when_both_checks_pass():
    assert rules.form_145_relied_on(signer_is_importer=True, properly_filled=True)
    assert not rules.form_145_relied_on(signer_is_importer=False, properly_filled=True)
    assert not rules.form_145_relied_on(signer_is_importer=True, properly_filled=False)


# --- CUS-59, CUS-63, CUS-64, CUS-66: verification --------------------------------------------


def test_cus_59_and_63_the_verification_checklist():
    codes = [s.value for s in VerificationStep]
    assert codes == ["59a", "59b", "59c", "63a", "63b", "63c", "63d", "63e", "63f", "63g"]


def test_cus_63_acceptance_needs_no_open_problem():
    steps = {"59a": CheckResult.CONFIRMED, "63c": CheckResult.PROBLEM, "63g": CheckResult.NA}
    assert rules.open_problems(steps) == ["63c"]
    assert rules.open_problems({"63a": CheckResult.CONFIRMED}) == []


def test_cus_64_missing_terms_are_exw_assumed_not_stated():
    terms = rules.delivery_terms("", "")
    assert terms == rules.Terms("EXW", "", assumed=True)
    assert rules.delivery_terms("CIF", "Haifa") == rules.Terms("CIF", "Haifa", assumed=False)


@pytest.mark.parametrize(
    ("incoterm", "needs"),
    [
        ("EXW", True),
        ("FCA", True),
        ("FAS", True),
        ("FOB", True),
        ("CFR", False),
        ("CIF", False),
        ("CPT", False),
        ("CIP", False),
        ("DAP", False),
        ("DPU", False),
        ("DDP", False),
    ],
)
def test_cus_64_terms_that_do_not_cover_carriage_to_israel_require_its_costs(incoterm, needs):
    assert rules.needs_carriage_costs(incoterm) is needs


def test_cus_66_not_insured_needs_the_forwarders_answer_and_adds_nothing():
    assert rules.insurance_open(insured=False, forwarder_answer="") is True
    assert rules.insurance_open(insured=False, forwarder_answer="No cover, per Zim.") is False
    assert rules.insurance_open(insured=True, forwarder_answer="") is False


# --- CUS-65: freight -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "included"),
    [
        (FreightKind.CARRIAGE, True),
        (FreightKind.SURCHARGE, True),
        (FreightKind.DEMURRAGE, False),
        (FreightKind.CONTAINER_DEPOSIT, False),
        (FreightKind.INTER_PORT, False),
    ],
)
def test_cus_65_freight_included_by_type(kind, included):
    assert rules.freight_included(kind) is included


def test_cus_65_a_special_circumstance_is_left_out_only_under_a_directors_notice():
    assert rules.freight_included(FreightKind.SPECIAL_CIRCUMSTANCE) is True
    assert rules.freight_included(FreightKind.SPECIAL_CIRCUMSTANCE, director_notice=True) is False


def test_cus_65_air_instead_of_sea_not_up_to_the_importer_is_not_added():
    assert rules.freight_included(FreightKind.AIR_DIFFERENCE) is False
    assert rules.freight_included(FreightKind.AIR_DIFFERENCE, importer_bears_difference=True)


def test_cus_65_a_freight_invoice_in_shekels_at_its_own_rate_is_taken_as_charged():
    # USD 1,000.00 at the entry's rate 3.7000 would be 3,700.00; the forwarder charged 3,650.00.
    assert rules.line_shekels(D("1000.00"), D("3.7000"), as_charged=D("3650.00")) == D("3650.00")
    assert rules.line_shekels(D("1000.00"), D("3.7000")) == D("3700.00")


# --- CUS-67: kosher costs and export-country taxes --------------------------------------------


def test_cus_67_kosher_costs_are_always_included():
    assert rules.addition_included("kosher") is True


def test_cus_67_export_taxes_are_included_unless_their_refund_is_proved():
    assert rules.addition_included("export_tax") is True
    assert rules.addition_included("export_tax", refund_proven=True) is False


# --- CUS-68 to CUS-70: discounts, free goods, credit notes ------------------------------------


def test_cus_68_an_admissible_discount():
    assert (
        rules.discount_refusals(
            DiscountKind.QUANTITY,
            for_these_goods=True,
            fixed_in_advance=True,
            unconditional=True,
            amount_known=True,
        )
        == []
    )


@pytest.mark.parametrize(
    "kind", [DiscountKind.PAST_GOODS, DiscountKind.ANNUAL_TARGET, DiscountKind.WARRANTY]
)
def test_cus_68_a_discount_is_judged_by_substance_not_name(kind):
    refusals = rules.discount_refusals(
        kind, for_these_goods=True, fixed_in_advance=True, unconditional=True, amount_known=True
    )
    assert refusals == ["substance"]


def test_cus_68_each_condition_missing_is_named():
    refusals = rules.discount_refusals(
        DiscountKind.CASH,
        for_these_goods=False,
        fixed_in_advance=False,
        unconditional=False,
        amount_known=False,
    )
    assert refusals == ["not_for_these_goods", "not_fixed", "conditional", "amount_unknown"]


def test_cus_69_a_shipment_all_of_whose_goods_are_free_is_never_recognised():
    findings = rules.free_goods_findings([("6403.99", True), ("6403.99", True)])
    assert findings.all_free is True


def test_cus_69_free_goods_not_identical_to_the_paid_ones_are_flagged():
    # 20 pairs of shoes (6403) free in a shipment of clothes (6203).
    findings = rules.free_goods_findings([("6203.42", False), ("6403.99", True)])
    assert findings.all_free is False
    assert findings.unmatched == ("6403.99",)
    assert rules.free_goods_findings([("6203.42", False), ("6203.42", True)]).unmatched == ()


def test_cus_69_free_goods_as_a_discount():
    # 100 pairs paid 1,000.00 (10.00 a pair) and 10 pairs free: 10 x 10.00 = 100.00 given;
    # its size is 100.00 / (1,000.00 + 100.00) = 9.0909...% -> 9.09%.
    assert rules.free_goods_discount(D("1000.00"), 100, 10) == (D("100.00"), D("9.09"))


def test_cus_69_free_goods_are_tested_as_a_money_discount():
    assert rules.free_goods_admissible(retroactive=False, conditional=False, reasonable=True)
    assert not rules.free_goods_admissible(retroactive=True, conditional=False, reasonable=True)
    assert not rules.free_goods_admissible(retroactive=False, conditional=True, reasonable=True)
    assert not rules.free_goods_admissible(retroactive=False, conditional=False, reasonable=False)


def test_cus_70_only_a_credit_note_the_chief_valuer_approved_is_deducted():
    assert rules.credit_note_deductible("approved") is True
    assert rules.credit_note_deductible("requested") is False
    assert rules.credit_note_deductible("refused") is False


# --- CUS-71: special relationships ------------------------------------------------------------


def test_cus_71_the_percentage_difference_from_the_chosen_alternative():
    # Transaction value 9,700.00 against a test value of 10,000.00:
    # (9,700 - 10,000) / 10,000 x 100 = -3.00%.
    assert rules.percent_difference(D("9700.00"), D("10000.00")) == D("-3.00")
    # 10,250.00 against 9,800.00: 450 / 9,800 x 100 = 4.5918...% -> 4.59%.
    assert rules.percent_difference(D("10250.00"), D("9800.00")) == D("4.59")


def test_cus_71_closeness_is_the_valuers_reasoned_judgement():
    with pytest.raises(rules.Refused):
        rules.check_related_examination(test_value=D("10000"), close=True, reason="")
    with pytest.raises(rules.Refused):
        rules.check_related_examination(test_value=D("0"), close=True, reason="Close enough.")
    rules.check_related_examination(test_value=D("10000"), close=False, reason="Too far.")


# --- CUS-72, CUS-73: commissions --------------------------------------------------------------

PROVEN = {"acts_for_importer": True, "amount_detailed": True, "charged_separately": True}


def test_cus_72_a_selling_commission_is_included_unless_already_in_the_price():
    assert rules.commission_included(CommissionKind.SELLING) is True
    assert rules.commission_included(CommissionKind.SELLING, already_in_price=True) is False


def test_cus_73_a_proven_buying_commission_is_left_out():
    assert rules.commission_included(CommissionKind.BUYING, **PROVEN) is False


@pytest.mark.parametrize("missing", ["acts_for_importer", "amount_detailed", "charged_separately"])
def test_cus_73_a_buying_commission_missing_1_5_or_6_is_included(missing):
    assert rules.commission_included(CommissionKind.BUYING, **(PROVEN | {missing: False})) is True


@pytest.mark.parametrize("disqualifier", ["own_benefit", "trading_company"])
def test_cus_73_an_agent_for_its_own_benefit_or_a_trading_company_is_not_a_buying_agent(
    disqualifier,
):
    assert rules.commission_included(CommissionKind.BUYING, **PROVEN, **{disqualifier: True})


# --- CUS-74: financing interest ---------------------------------------------------------------


def test_cus_74_interest_is_left_out_only_when_separate_in_writing_and_proved_if_required():
    assert not rules.interest_included(
        separate=True, in_writing=True, proofs_required=False, proofs_accepted=False
    )
    assert not rules.interest_included(
        separate=True, in_writing=True, proofs_required=True, proofs_accepted=True
    )
    assert rules.interest_included(
        separate=True, in_writing=True, proofs_required=True, proofs_accepted=False
    )
    assert rules.interest_included(
        separate=True, in_writing=False, proofs_required=False, proofs_accepted=False
    )
    assert rules.interest_included(
        separate=False, in_writing=True, proofs_required=False, proofs_accepted=False
    )


# --- CUS-75 to CUS-77: assists ----------------------------------------------------------------


def test_cus_76_an_assists_value():
    # A mould bought for 48,000.00, carried to the factory for 1,500.00 paid by the importer,
    # reworked for 1,000.00 before being sent, 500.00 off for earlier use:
    # 48,000 + 1,500 + 1,000 - 500 = 50,000.00, all of it used for the imported goods.
    assert rules.assist_value(
        cost=D("48000.00"), carriage=D("1500.00"), changes=D("1000.00"), earlier_use=D("500.00")
    ) == D("50000.00")


def test_cus_76_only_the_share_used_for_the_imported_goods():
    # 12,000.00 of fabric, 25% of it used for the goods imported: 3,000.00.
    assert rules.assist_value(cost=D("12000.00"), share_percent=D(25)) == D("3000.00")


def test_cus_76_the_valuers_checks_are_the_six_the_spec_lists():
    # CUS-76 "The valuer also checks": supplied to the manufacturer (with documents); fits the
    # production or export sale; once or regularly; carriage, levies and taxes borne by the
    # importer; how its value was computed; a third party paid: assists or part of the price.
    assert AssistCheck.values == [
        "supplied",
        "fits",
        "frequency",
        "carriage",
        "computation",
        "third_party",
    ]


@pytest.mark.parametrize("code", [c for c in AssistCheck.values if c != "third_party"])
def test_cus_76_only_the_third_party_check_may_be_not_applicable(code):
    # "where a third party was paid" is the only conditional check.
    rules.check_assist_check(AssistCheck.THIRD_PARTY, CheckResult.NA, "")
    with pytest.raises(rules.Refused) as refused:
        rules.check_assist_check(code, CheckResult.NA, "No third party.")
    assert refused.value.field == "result"


def test_cus_76_a_problem_and_the_two_open_questions_need_a_note():
    rules.check_assist_check(AssistCheck.SUPPLIED, CheckResult.CONFIRMED, "")
    with pytest.raises(rules.Refused):
        rules.check_assist_check(AssistCheck.SUPPLIED, CheckResult.PROBLEM, "  ")
    rules.check_assist_check(AssistCheck.SUPPLIED, CheckResult.PROBLEM, "No delivery note.")
    # "whether it was supplied once or regularly" and "how its value was computed" are answered
    # in the note.
    for code in (AssistCheck.FREQUENCY, AssistCheck.COMPUTATION):
        with pytest.raises(rules.Refused):
            rules.check_assist_check(code, CheckResult.CONFIRMED, "")
        rules.check_assist_check(code, CheckResult.CONFIRMED, "Once, with the first order.")
    for code, result in (("nope", CheckResult.CONFIRMED), (AssistCheck.FITS, "maybe")):
        with pytest.raises(rules.Refused):
            rules.check_assist_check(code, result, "A note.")


def test_cus_76_the_open_checks_are_those_missing_or_with_a_problem():
    assert rules.assist_checks_open({}) == AssistCheck.values
    every = dict.fromkeys(AssistCheck.values, CheckResult.CONFIRMED) | {"third_party": "na"}
    assert rules.assist_checks_open(every) == []
    assert rules.assist_checks_open(every | {"fits": CheckResult.PROBLEM}) == ["fits"]
    assert rules.assist_checks_open({k: v for k, v in every.items() if k != "carriage"}) == [
        "carriage"
    ]


@pytest.mark.parametrize(
    ("way", "divisor", "per_unit", "first"),
    [
        # 50,000 / 1,000 = 50.00 a unit; the first shipment (1,000) carries 50,000.00.
        (SpreadWay.FIRST_SHIPMENT, 1000, D("50.00"), D("50000.00")),
        # 50,000 / 4,000 = 12.50; 1,000 x 12.50 = 12,500.00.
        (SpreadWay.PRODUCED, 4000, D("12.50"), D("12500.00")),
        # 50,000 / 10,000 = 5.00; 1,000 x 5.00 = 5,000.00.
        (SpreadWay.CONTRACT, 10000, D("5.00"), D("5000.00")),
    ],
)
def test_cus_77_a_mould_spread_each_of_the_three_ways(way, divisor, per_unit, first):
    assert rules.assist_divisor(way, first_shipment=1000, produced=4000, contract=10000) == divisor
    assert rules.per_unit_share(D("50000.00"), divisor) == per_unit
    charge = rules.assist_charge(
        value=D("50000.00"),
        divisor=divisor,
        per_unit=per_unit,
        used_units=0,
        used_amount=D(0),
        units=1000,
    )
    assert charge == first


def test_cus_77_the_contract_way_needs_a_contract():
    with pytest.raises(rules.Refused):
        rules.assist_divisor(SpreadWay.CONTRACT, first_shipment=1000, produced=4000, contract=None)


def test_cus_77_the_last_entry_takes_exactly_the_remainder():
    # 10,000.00 over 3 units: 3,333.33 a unit (3,333.333... half up). Two units: 6,666.66; the
    # third, the last, takes 10,000.00 - 6,666.66 = 3,333.34, not 3,333.33.
    per_unit = rules.per_unit_share(D("10000.00"), 3)
    assert per_unit == D("3333.33")
    args = {"value": D("10000.00"), "divisor": 3, "per_unit": per_unit}
    assert rules.assist_charge(**args, used_units=0, used_amount=D(0), units=2) == D("6666.66")
    last = rules.assist_charge(**args, used_units=2, used_amount=D("6666.66"), units=1)
    assert last == D("3333.34")
    # Used up: a later entry adds nothing.
    assert rules.assist_charge(**args, used_units=3, used_amount=D("10000.00"), units=5) == D(0)


# --- CUS-78: royalties ------------------------------------------------------------------------


def test_cus_78_a_royalty_for_the_goods_as_a_condition_of_sale_is_added():
    assert rules.royalty_treatment(relates_to_goods=True, condition_of_sale=True) == "add"


def test_cus_78_a_royalty_already_in_the_price_or_not_a_condition_is_left_out():
    assert (
        rules.royalty_treatment(
            relates_to_goods=True, condition_of_sale=True, already_in_price=True
        )
        == "leave_out"
    )
    assert rules.royalty_treatment(relates_to_goods=True, condition_of_sale=False) == "leave_out"
    assert rules.royalty_treatment(relates_to_goods=False, condition_of_sale=True) == "leave_out"


def test_cus_78_the_right_to_reproduce_is_never_included():
    assert (
        rules.royalty_treatment(
            relates_to_goods=True, condition_of_sale=True, reproduction_right=True
        )
        == "leave_out"
    )


def test_cus_78_a_royalty_whose_amount_cannot_be_set_disqualifies():
    assert (
        rules.royalty_treatment(relates_to_goods=True, condition_of_sale=True, amount_known=False)
        == "disqualify"
    )


# --- The worksheet and CUS-79 -----------------------------------------------------------------


def test_cus_79_one_line_is_rounded_once_half_up():
    # 1,234.57 EUR at 3.98765: 1,234.57 x 3 = 3,703.71, 1,234.57 x 0.98765 = 1,219.32306;
    # 4,923.03306 -> 4,923.03. 0.125 x 1 = 0.125 -> 0.13 (half up).
    assert rules.line_shekels(D("1234.57"), D("3.98765")) == D("4923.03")
    assert rules.line_shekels(D("0.125"), D("1")) == D("0.13")


def test_cus_79_the_worksheet_total_is_the_sum_of_its_included_lines():
    lines = [
        rules.SheetLine("price", D(1), D("10000.00"), D("37000.00")),
        rules.SheetLine("royalty", D(1), D("500.00"), D("1850.00")),
        rules.SheetLine("buying_commission", D(1), D("300.00"), D("1110.00"), included=False),
        rules.SheetLine("discount", D(-1), D("200.00"), D("740.00")),
    ]
    # 10,000 + 500 - 200 = 10,300.00 EUR; 37,000 + 1,850 - 740 = 38,110.00 NIS.
    assert rules.sheet_totals(lines) == (D("10300.00"), D("38110.00"))


def test_cus_79_one_tariff_item_before_and_with_the_discount():
    # One item 10,000.00 and a 500.00 discount on the invoice: goods value 10,000.00 in foreign
    # currency, conversion value 9,500.00.
    data = rules.entry_data([rules.ItemValue("1", D("10000.00"))], [(None, D("-500.00"))])
    assert data == [rules.ItemData("1", D("10000.00"), D("9500.00"))]


def test_cus_79_an_invoice_discount_divided_among_items_by_value():
    # Items 6,000.00 / 3,000.00 / 1,000.00 (total 10,000.00), invoice discount 100.00:
    # 60.00 / 30.00 / 10.00 -> conversion 5,940.00 / 2,970.00 / 990.00.
    items = [rules.ItemValue("a", D("6000.00")), rules.ItemValue("b", D("3000.00"))]
    items.append(rules.ItemValue("c", D("1000.00")))
    data = rules.entry_data(items, [(None, D("-100.00"))])
    assert [(d.goods_value, d.conversion_value) for d in data] == [
        (D("6000.00"), D("5940.00")),
        (D("3000.00"), D("2970.00")),
        (D("1000.00"), D("990.00")),
    ]


def test_cus_79_the_rounding_remainder_goes_to_the_largest_item():
    # 100.00 over three equal items: 33.333... -> 33.33 each = 99.99; the remainder 0.01 goes
    # to the largest (the first of equals): 33.34 / 33.33 / 33.33.
    assert rules.allocate(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    # 10.00 over 200, 700 and 100 (of 1,000): 10 x 0.2 = 2.00, 10 x 0.7 = 7.00, 10 x 0.1 = 1.00.
    assert rules.allocate(D("10.00"), [D(200), D(700), D(100)]) == [D("2.00"), D("7.00"), D("1.00")]
    # 1.00 over 1 and 2: 0.333... -> 0.33, 0.666... -> 0.67; sum 1.00, no remainder.
    assert rules.allocate(D("1.00"), [D(1), D(2)]) == [D("0.33"), D("0.67")]


def test_cus_79_a_discount_on_particular_items_is_in_their_own_goods_value():
    # Item a 6,000.00 with its own 600.00 discount, item b 4,000.00: goods value in foreign
    # currency 5,400.00 and 4,000.00; nothing on the total, so conversion = goods value.
    items = [rules.ItemValue("a", D("6000.00")), rules.ItemValue("b", D("4000.00"))]
    data = rules.entry_data(items, [("a", D("-600.00"))])
    assert data == [
        rules.ItemData("a", D("5400.00"), D("5400.00")),
        rules.ItemData("b", D("4000.00"), D("4000.00")),
    ]


# --- CUS-80, CUS-83: the importer's options and the notices -----------------------------------


def test_cus_80_the_security_is_the_tax_difference():
    # Taxes on the declared value 12,400.00, on the provisional value 15,150.50: 2,750.50.
    assert rules.security_amount(D("12400.00"), D("15150.50")) == D("2750.50")


def test_cus_80_release_waits_for_the_choice_and_its_payment_or_security():
    assert rules.release_hold(CaseStatus.NOT_CONVINCED, None, False, False) == "choice"
    assert rules.release_hold(CaseStatus.UNDER_CHECK, ImporterOption.SUPERVISION, False, False)
    assert rules.release_hold(CaseStatus.UNDER_CHECK, ImporterOption.PROTEST, False, False)
    assert rules.release_hold(CaseStatus.UNDER_CHECK, ImporterOption.PROTEST, True, False) is None
    assert rules.release_hold(CaseStatus.CHIEF_VALUER, ImporterOption.SECURITY, False, False)
    assert rules.release_hold(CaseStatus.CHIEF_VALUER, ImporterOption.SECURITY, False, True) is None
    # (a): the goods stay under supervision until the check ends.
    assert rules.release_hold(CaseStatus.ACCEPTED, ImporterOption.SUPERVISION, False, False) is None
    assert rules.release_hold(CaseStatus.OPEN, None, False, False) is None


def test_cus_80_the_queue_warns_before_a_guarantee_lapses():
    # Expires 30 June; 14 days' warning: from 16 June.
    assert not rules.guarantee_warning(date(2026, 6, 30), today=date(2026, 6, 15), days=14)
    assert rules.guarantee_warning(date(2026, 6, 30), today=date(2026, 6, 16), days=14)


def test_cus_83_before_release_a_correction_notice_after_it_a_deficit_notice():
    assert rules.notice_kind(released=False) == NoticeKind.ENTRY_CORRECTION
    assert rules.notice_kind(released=True) == NoticeKind.DEFICIT


def test_cus_83_a_notice_needs_the_method_and_the_reasons():
    with pytest.raises(rules.Refused):
        rules.check_value_notice(method="", reasons="Set by identical goods.")
    with pytest.raises(rules.Refused):
        rules.check_value_notice(method=Method.IDENTICAL, reasons=" ")
    rules.check_value_notice(method=Method.IDENTICAL, reasons="The lowest of two entries.")


# --- CUS-30, CUS-84 to CUS-88: the alternative methods -----------------------------------------


def test_cus_30_five_methods_in_their_legal_order():
    assert rules.METHOD_ORDER == (
        Method.IDENTICAL,
        Method.SIMILAR,
        Method.DEDUCTIVE,
        Method.COMPUTED,
        Method.FALLBACK,
    )


def test_cus_30_the_first_method_is_offered_first():
    assert rules.next_method({}) == Method.IDENTICAL


def test_cus_30_a_method_is_offered_only_after_the_previous_ones_are_refused_with_a_reason():
    refused = {Method.IDENTICAL: "No entries of the item in 90 days."}
    assert rules.next_method(refused) == Method.SIMILAR
    rules.check_method_allowed(Method.SIMILAR, refused)
    with pytest.raises(rules.Refused):
        rules.check_method_allowed(Method.DEDUCTIVE, refused)
    with pytest.raises(rules.Refused):
        rules.check_method_allowed(Method.SIMILAR, {Method.IDENTICAL: "  "})


def test_cus_30_refusals_are_recorded_in_order_too():
    with pytest.raises(rules.Refused):
        rules.check_method_refusal(Method.SIMILAR, {}, "Not sold in Israel.")
    with pytest.raises(rules.Refused):
        rules.check_method_refusal(Method.IDENTICAL, {}, "")
    rules.check_method_refusal(Method.IDENTICAL, {}, "None in 90 days.")


def test_cus_30_the_transaction_value_is_not_an_alternative_method():
    with pytest.raises(rules.Refused):
        rules.check_method_allowed(Method.TRANSACTION, {})


def _candidate(
    key, value, *, item="8516.40", country="CN", day=date(2026, 3, 1), maker="Acme", identical=True
):
    return rules.Candidate(key, item, country, day, maker, D(value), identical=identical)


CHOOSE = {"tariff_item": "8516.40", "country": "CN", "on": date(2026, 3, 20), "days": 90}


def test_cus_84_of_several_identical_values_the_lowest():
    choice = rules.choose_candidate(
        [_candidate(1, "120.00"), _candidate(2, "95.50")], manufacturer="Other", **CHOOSE
    )
    assert choice.chosen == 2
    assert choice.verdicts == {1: "higher", 2: "chosen"}


def test_cus_84_the_same_manufacturer_first_then_the_lowest():
    # The same manufacturer's 110.00 wins over another maker's lower 90.00.
    choice = rules.choose_candidate(
        [
            _candidate(1, "90.00", maker="Other Co"),
            _candidate(2, "110.00", maker="ACME "),
            _candidate(3, "130.00", maker="acme"),
        ],
        manufacturer="Acme",
        **CHOOSE,
    )
    assert choice.chosen == 2
    assert choice.verdicts == {1: "other_manufacturer", 2: "chosen", 3: "higher"}


def test_cus_84_outside_the_period_other_item_or_country_or_not_identical_are_dropped():
    # 20 March 2026 +- 90 days: 20 December 2025 to 18 June 2026, both included.
    choice = rules.choose_candidate(
        [
            _candidate(1, "10.00", day=date(2025, 12, 19)),  # 91 days before
            _candidate(2, "11.00", day=date(2025, 12, 21)),  # 89 days before: kept
            _candidate(3, "9.00", day=date(2026, 6, 19)),  # 91 days after
            _candidate(4, "8.00", item="8516.50"),
            _candidate(5, "7.00", country="VN"),
            _candidate(6, "6.00", identical=False),
        ],
        manufacturer="Acme",
        **CHOOSE,
    )
    assert choice.chosen == 2
    assert choice.verdicts == {
        1: "period",
        2: "chosen",
        3: "period",
        4: "tariff_item",
        5: "country",
        6: "not_identical",
    }


def test_cus_84_the_period_is_inclusive_at_both_ends():
    # 20 March 2026 - 90 days = 20 December 2025; + 90 days = 18 June 2026.
    edge = [
        _candidate(1, "10.00", day=date(2025, 12, 20)),
        _candidate(2, "9.00", day=date(2026, 6, 18)),
    ]
    assert rules.choose_candidate(edge, manufacturer="", **CHOOSE).verdicts == {
        1: "higher",
        2: "chosen",
    }


def test_cus_84_no_candidate_left_chooses_nothing():
    assert rules.choose_candidate([], manufacturer="Acme", **CHOOSE).chosen is None


def test_cus_86_the_deductive_value_is_the_price_less_the_recorded_deductions():
    # Sold in Israel for 30,000.00; deductions 4,500.00 (profit) and 1,200.50 (inland carriage):
    # 30,000.00 - 4,500.00 - 1,200.50 = 24,299.50.
    value = rules.deductive_value(
        D("30000.00"), [(D("4500.00"), "Profit, sector report"), (D("1200.50"), "Carriage")]
    )
    assert value == D("24299.50")


def test_cus_86_each_deduction_has_its_basis():
    with pytest.raises(rules.Refused):
        rules.deductive_value(D("30000.00"), [(D("4500.00"), "")])
    with pytest.raises(rules.Refused):
        rules.deductive_value(D("1000.00"), [(D("1000.01"), "More than the price")])


def test_cus_87_the_computed_value_needs_a_production_cost_document():
    with pytest.raises(rules.Refused):
        rules.check_computed(documents=0)
    rules.check_computed(documents=1)


def test_cus_88_the_ten_forbidden_bases():
    assert {b.value for b in rules.FORBIDDEN_BASES} == {
        "israeli_consumer_price",
        "higher_of_two",
        "export_country_domestic_price",
        "production_cost",
        "export_to_other_country",
        "minimum_values",
        "arbitrary",
        "website_prices",
        "ex_factory_prices",
        "commodity_exchange",
    }


@pytest.mark.parametrize("basis", sorted(b.value for b in rules.FORBIDDEN_BASES))
def test_cus_88_each_forbidden_basis_is_refused_by_name(basis):
    with pytest.raises(rules.Refused) as refused:
        rules.check_fallback(basis, "Tried it anyway.")
    assert str(FallbackBasis(basis).label) in str(refused.value.message)


def test_cus_88_a_flexible_or_other_reasonable_method_needs_its_description():
    rules.check_fallback(FallbackBasis.FLEXIBLE_IDENTICAL, "Identical goods from Vietnam.")
    with pytest.raises(rules.Refused):
        rules.check_fallback(FallbackBasis.OTHER_REASONABLE, "")


# --- Special cases ----------------------------------------------------------------------------


def test_cus_90_the_wholesale_price_in_force_on_the_day():
    prices = [(date(2026, 1, 1), D("21.50")), (date(2026, 7, 1), D("22.80"))]
    assert rules.price_in_force(prices, date(2026, 6, 30)) == D("21.50")
    assert rules.price_in_force(prices, date(2026, 7, 1)) == D("22.80")
    assert rules.price_in_force(prices, date(2025, 12, 31)) is None


def test_cus_91_the_vat_base_loses_what_section_26b_covered_the_value_stays_whole():
    # Medium and content valued together at 40,000.00; VAT already paid on 35,000.00 of it.
    assert rules.vat_base(D("40000.00"), D("35000.00")) == D("5000.00")
    assert rules.vat_base(D("40000.00"), D("45000.00")) == D("0.00")


def test_cus_92_no_commercial_case_for_a_used_vehicle():
    with pytest.raises(rules.Refused) as into_israel:
        rules.check_used_vehicle(used_vehicle=True, destination="israel")
    with pytest.raises(rules.Refused) as autonomy:
        rules.check_used_vehicle(used_vehicle=True, destination="autonomy")
    assert into_israel.value.message != autonomy.value.message
    rules.check_used_vehicle(used_vehicle=False, destination="israel")


def test_cus_93_a_damage_decision_records_members_examination_reasons_and_amount():
    good = {
        "members": ["Valuer A", "Valuer B"],
        "examined_on": date(2026, 3, 3),
        "decided_on": date(2026, 3, 4),
        "reasons": "Water damage to 40% of the cartons.",
        "amount": D("6000.00"),
        "value": D("10000.00"),
        "vehicle": False,
        "appraiser": False,
    }
    rules.check_damage_decision(**good)
    for bad in (
        {"members": []},
        {"examined_on": date(2026, 3, 5)},  # after the decision
        {"reasons": ""},
        {"amount": D("10000.01")},  # more than the value
        {"vehicle": True},  # a vehicle needs an appraiser's opinion
    ):
        with pytest.raises(rules.Refused):
            rules.check_damage_decision(**(good | bad))
    rules.check_damage_decision(**(good | {"vehicle": True, "appraiser": True}))


# --- Value history ------------------------------------------------------------------------------


def test_value_history_distribution_odd_and_even():
    # 10, 30, 20 -> sorted 10, 20, 30: median 20.
    assert rules.distribution([D(10), D(30), D(20)]) == rules.Distribution(
        D(10), D("20.00"), D(30), 3
    )
    # 10, 20, 30, 45 -> median (20 + 30) / 2 = 25.00.
    assert rules.distribution([D(10), D(20), D(30), D(45)]).median == D("25.00")
    assert rules.distribution([]) == rules.Distribution(None, None, None, 0)
