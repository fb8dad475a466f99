"""The JSON API: inspectors check a badge (BADGE-53); the printing house downloads the day's
print file and confirms its receipt (BADGE-48). Session or token authentication."""

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from taxportal.api_schema import problem_response
from taxportal.permissions import HasPortalPermission
from taxportal.problems import MEDIA_TYPE, ProblemDetail

from . import selectors, services
from .forms import VEHICLE_NUMBER, normalize_vehicle_number
from .models import PrintFile
from .services.print_file import ensure_written


class CheckQuerySerializer(serializers.Serializer):
    vehicle = serializers.CharField(max_length=12)
    printed_on = serializers.DateField(required=False, allow_null=True)

    def validate_vehicle(self, value):
        number = normalize_vehicle_number(value)
        if not VEHICLE_NUMBER.match(number):
            raise serializers.ValidationError(_("A vehicle number has 5 to 8 digits."))
        return number


class CheckResultSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    reason = serializers.CharField(help_text="Why, for the inspector; nothing about the holder.")


class BadgeCheckView(APIView):
    """`GET /api/badges/check/?vehicle=<number>&printed_on=<YYYY-MM-DD>` →
    `{"valid": bool, "reason": "..."}`, and nothing about the holder."""

    permission_classes = [HasPortalPermission("check_badges")]

    @extend_schema(
        parameters=[CheckQuerySerializer],
        responses=CheckResultSerializer,
        examples=[
            OpenApiExample(
                "valid", value={"valid": True, "reason": "The badge is valid until 2027-01-01."}
            )
        ],
    )
    def get(self, request):
        query = CheckQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.badge_check(
            vehicle_number=query.validated_data["vehicle"],
            printed_on=query.validated_data.get("printed_on"),
            today=timezone.localdate(),
        )
        return Response({"valid": result.valid, "reason": result.reason})


class CanDownloadPrintFiles(BasePermission):
    """The printing house's account holds the model permission; clerks may download too."""

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (
                user.has_perm("parking_badges.download_print_files")
                or user.has_perm("taxportal.process_badges")
            )
        )


FOR_DATE = OpenApiParameter("for_date", OpenApiTypes.DATE, OpenApiParameter.PATH)


class PrintFileView(APIView):
    """The day's print file (BADGE-48), as a CSV attachment; its SHA-256 in a header."""

    permission_classes = [CanDownloadPrintFiles]

    @extend_schema(
        parameters=[
            FOR_DATE,
            OpenApiParameter("X-Checksum-SHA256", str, OpenApiParameter.HEADER, response=[200]),
        ],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    def get(self, request, for_date):
        row = get_object_or_404(PrintFile, for_date=for_date)
        ensure_written(row)
        services.print_file_mark_downloaded(actor=request.user, print_file_row=row)
        response = FileResponse(row.file.open("rb"), as_attachment=True, content_type="text/csv")
        response["X-Checksum-SHA256"] = row.sha256
        return response


class ReceiptSerializer(serializers.Serializer):
    sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}$")


class ReceiptResultSerializer(serializers.Serializer):
    date = serializers.DateField()
    badges = serializers.IntegerField()
    receipt_confirmed_at = serializers.DateTimeField()


class PrintFileReceiptView(APIView):
    """The printing house confirms it received the file intact, by quoting its checksum."""

    permission_classes = [CanDownloadPrintFiles]

    @extend_schema(
        parameters=[FOR_DATE],
        request=ReceiptSerializer,
        responses={
            200: ReceiptResultSerializer,
            (409, MEDIA_TYPE): problem_response(
                409,
                "conflict",
                "The checksum does not match the file.",
                "The checksum does not match the file: download it again.",
            ),
        },
    )
    def post(self, request, for_date):
        row = get_object_or_404(PrintFile, for_date=for_date)
        body = ReceiptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            row = services.print_file_confirm_receipt(
                actor=request.user, print_file_row=row, sha256=body.validated_data["sha256"]
            )
        except ValidationError as error:
            raise ProblemDetail(409, "conflict", error.messages[0]) from None
        assert row.receipt_confirmed_at is not None  # set by the confirmation
        return Response(
            {
                "date": row.for_date.isoformat(),
                "badges": row.badge_count,
                "receipt_confirmed_at": row.receipt_confirmed_at.isoformat(),
            }
        )
