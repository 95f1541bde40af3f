"""The unit's second factor and its members (``@unit_member_required``, the second factor's own
pages before it): enrolment, verification, adding and removing members."""

import base64

import django_otp
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.viewhelpers import error_text
from ops.throttle import Throttle

from .. import forms, membership
from ..models import AccessLog
from ..permissions import unit_member_required

# --- the unit ------------------------------------------------------------------------------


ENROLMENT_SESSION_KEY = "wb_enrolment"
# Five wrong enrolment codes per ten minutes per client (a code has 80 bits; this is for the log).
enrolment_throttle = Throttle("wb-enrolment", limit=5, window_seconds=600)


@unit_member_required(verified=False)
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Unit members: enter the TOTP code — or, without a device, set one up. Setting up needs
    the one-time enrolment code a verified member issued (the password alone never does)."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return _verify_second_factor(request)
    pending = request.session.get(ENROLMENT_SESSION_KEY)
    device = TOTPDevice.objects.filter(user=user, pk=pending[1], confirmed=False).first() if pending else None
    if device is None:
        return _enter_enrolment_code(request)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            try:
                device = membership.second_factor_enrol(
                    user=user, enrolment_id=pending[0], device_id=device.pk
                )
            except ValidationError as exc:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                form.add_error("token", error_text(exc))
            else:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                django_otp.login(request, device)
                messages.success(request, _("Your second factor is set up."))
                return redirect("whistleblower:unit_queue")
        else:
            form.add_error("token", _("The code is wrong or too old. Try the newest code."))
    return render(
        request,
        "whistleblower/unit_second_factor.html",
        {
            "form": form,
            "mode": "setup",
            "secret": base64.b32encode(device.bin_key).decode("ascii"),
            "config_url": device.config_url,
        },
    )


def _verify_second_factor(request):
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            return redirect("whistleblower:unit_queue")
        form.add_error("token", _("The code is wrong or too old. Try the newest code."))
    return render(request, "whistleblower/unit_second_factor.html", {"form": form, "mode": "verify"})


def _enter_enrolment_code(request):
    form = forms.EnrolmentCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not enrolment_throttle.take(request):
            form.add_error("enrolment_code", _("Too many wrong codes. Wait ten minutes and try again."))
            status = 429
        else:
            enrolment = membership.enrolment_for_code(
                user=request.user, code=form.cleaned_data["enrolment_code"]
            )
            if enrolment is None:
                form.add_error(
                    "enrolment_code",
                    _("The code was not recognised, is used or has expired. Ask the unit for a new one."),
                )
            else:
                enrolment_throttle.give_back(request)
                TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
                device = TOTPDevice.objects.create(
                    user=request.user, name="Whistleblowerenheden", confirmed=False
                )
                request.session[ENROLMENT_SESSION_KEY] = [enrolment.pk, device.pk]
                return redirect("whistleblower:second_factor")
    return render(
        request,
        "whistleblower/unit_second_factor.html",
        {"form": form, "mode": "enrol"},
        status=status,
    )


# --- the unit's members --------------------------------------------------------------------


def _members_context(**override):
    member_rows = list(
        membership.members().annotate(
            has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
    )
    return {
        "members": member_rows,
        "add_form": override.get("add_form") or forms.MemberAddForm(prefix="add"),
        "log": AccessLog.objects.filter(report__isnull=True).select_related("actor", "member")[:50],
        "issued": override.get("issued"),
    }


@unit_member_required
@require_GET
def unit_members(request):
    """The unit's members, their second factor, and the log of changes. Only here can the
    unit's membership change."""
    return render(request, "whistleblower/unit_members.html", _members_context())


@unit_member_required
@require_POST
def unit_member_add(request):
    form = forms.MemberAddForm(request.POST, prefix="add")
    if form.is_valid():
        try:
            code = membership.member_add(
                user=form.cleaned_data["user"], by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Shown on this page only: never in a cookie, a URL or a log.
            issued = {"user": form.cleaned_data["user"], "code": code}
            return render(request, "whistleblower/unit_members.html", _members_context(issued=issued))
    return render(request, "whistleblower/unit_members.html", _members_context(add_form=form), status=400)


def _on_member(request, user_pk, change):
    """Run ``change(member, reason)`` for a member's form on the members page. Returns what
    ``change`` returns, or None after telling the person what went wrong."""
    member = get_object_or_404(membership.members(), pk=user_pk)
    form = forms.ReasonForm(request.POST, prefix="member")
    if not form.is_valid():
        messages.error(request, _("Give the reason."))
        return None
    try:
        return change(member, form.cleaned_data["reason"]) or True
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return None


@unit_member_required
@require_POST
def unit_member_remove(request, user_pk):
    if _on_member(
        request, user_pk, lambda m, reason: membership.member_remove(user=m, by=request.user, reason=reason)
    ):
        messages.success(request, _("The person is no longer a member of the unit."))
    return redirect("whistleblower:unit_members")


@unit_member_required
@require_POST
def unit_member_code(request, user_pk):
    issued = _on_member(
        request,
        user_pk,
        lambda m, reason: {
            "user": m,
            "code": membership.enrolment_code_issue(user=m, by=request.user, reason=reason),
        },
    )
    if not issued:
        return redirect("whistleblower:unit_members")
    # Shown on this page only: never in a cookie, a URL or a log.
    return render(request, "whistleblower/unit_members.html", _members_context(issued=issued))
