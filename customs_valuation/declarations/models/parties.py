"""Who takes part: customs houses and their valuers, customs agents and the importers they are
authorised for, the countries of the supplier database, and the policy figures in force."""

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taxportal.validators import validate_company_number


class CustomsHouse(models.Model):
    """An examining customs house (בית מכס בודק)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_he = models.CharField(_("name (Hebrew)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("customs house")
        verbose_name_plural = _("customs houses")
        ordering = ["code"]

    def __str__(self):
        return self.name_en if get_language() == "en" else self.name_he


class CustomsHouseStaff(models.Model):
    """A valuer working at a customs house, from a date until a date (CUS-55: a task goes to
    the house's queue when its valuer no longer works there)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="customs_house_posts"
    )
    customs_house = models.ForeignKey(CustomsHouse, on_delete=models.PROTECT, related_name="staff")
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("customs-house valuer")
        verbose_name_plural = _("customs-house valuers")
        ordering = ["customs_house", "user"]

    def __str__(self):
        return f"{self.user} @ {self.customs_house}"

    def active_on(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day < self.ended_on)


class Country(models.Model):
    """A supplier's country; those without postcodes store NONE (CUS-37: initially HK, TW)."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name_he = models.CharField(_("name (Hebrew)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    has_postcodes = models.BooleanField(_("has postcodes"), default=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]

    def __str__(self):
        return self.name_en if get_language() == "en" else self.name_he


class CustomsAgent(models.Model):
    """A licensed customs agent (or the Chamber of Commerce, treated as an agent, CUS-40); the
    users in `users` act for it in the portal and the API."""

    licence_number = models.CharField(_("licence number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_chamber_of_commerce = models.BooleanField(
        _("Chamber of Commerce"),
        default=False,
        help_text=_("Entries produced at the Chamber need no authorised signature (CUS-27, 7)."),
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="customs_agents", blank=True, verbose_name=_("users")
    )

    class Meta:
        verbose_name = _("customs agent")
        verbose_name_plural = _("customs agents")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.licence_number})"


class Importer(models.Model):
    """A commercial importer, the goods' owner; it deals with Customs only through an agent."""

    number = models.CharField(
        _("importer number"), max_length=9, unique=True, validators=[validate_company_number]
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("importer")
        verbose_name_plural = _("importers")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.number})"


class AgentAuthorisation(models.Model):
    """An importer's authorisation of an agent to file for it, from a date until a date."""

    agent = models.ForeignKey(CustomsAgent, on_delete=models.PROTECT, related_name="authorisations")
    importer = models.ForeignKey(Importer, on_delete=models.PROTECT, related_name="authorisations")
    valid_from = models.DateField(_("from"), default=timezone.localdate)
    valid_until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("agent's authorisation")
        verbose_name_plural = _("agents' authorisations")
        ordering = ["agent", "importer"]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "importer"],
                condition=Q(valid_until__isnull=True),
                name="cusdecl_one_open_authorisation",
            )
        ]
        indexes = [models.Index(fields=["importer", "agent"], name="cusdecl_auth_importer")]

    def __str__(self):
        return f"{self.agent} → {self.importer}"


class DeclarationPolicy(models.Model):
    """The figures of part 2.3 in force from a date (fixtures/customs_valuation)."""

    effective_from = models.DateField(_("in force from"), unique=True)
    validity_months = models.PositiveSmallIntegerField(
        _("validity of a declaration (months)"), validators=[MinValueValidator(1)]
    )
    correction_days = models.PositiveSmallIntegerField(
        _("days from the first correction message to approval"),
        validators=[MinValueValidator(1)],
    )
    original_threshold_usd = models.DecimalField(
        _("goods value above which the original is attached (USD)"),
        max_digits=12,
        decimal_places=2,
    )
    daily_check_flag_days = models.PositiveSmallIntegerField(
        _("daily check: flag when this many days or fewer are left")
    )

    class Meta:
        verbose_name = _("importer-declaration policy")
        verbose_name_plural = _("importer-declaration policy")
        ordering = ["-effective_from"]

    def __str__(self):
        return str(self.effective_from)
