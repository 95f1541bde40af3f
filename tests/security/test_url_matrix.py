"""The URL × role matrix: every URL pattern of the project, requested with real ids, by every
persona — anonymous, each role, a whistleblower-unit member with and without the second
factor, a signed-in user without a role and a superuser outside the unit. Each answer must be
the one written down here; a URL with no expectation fails, so a new page cannot slip through.

Codes: a number is the status; LOGIN / ADMIN_LOGIN / SECOND_FACTOR are redirects to those
pages; MOVED is any other redirect (a page that sends you on, e.g. sign-in when signed in).
A POST-only page answers 405 to those who may use it and 403/404 to everybody else — the
permission is checked before the method, so the code alone shows who may use it.

One more persona, ``disq``: a jurist disqualified on the world's complaint, consultation and
supervision (forvaltningsloven § 3). It gets what a jurist gets, except on the pages of those
cases (and of the request for access on the complaint): 403, the number and the fact only; its
POSTs there are refused and change nothing."""

from urllib.parse import urlparse

import pytest
from django.test import Client

from tests.security.world import build_world, url
from tests.sessions import sign_in_with_second_factor
from tests.urls import all_url_samples

pytestmark = pytest.mark.django_db

LOGIN, ADMIN_LOGIN, SECOND_FACTOR, MOVED = "login", "admin-login", "2fa", "moved"
PERSONAS = ("anon", "jurist", "head", "wb", "wb2fa", "committee", "secretariat", "outsider", "superuser")


def everyone(code):
    return dict.fromkeys(PERSONAS, code)


def only(*allowed, code=200, others=403, anon=LOGIN):
    """``allowed`` personas get ``code``, the other signed-in ones ``others``."""
    return {p: anon if p == "anon" else code if p in allowed else others for p in PERSONAS}


CASEWORKERS = ("jurist", "head")
STATISTICS = ("jurist", "head", "committee", "secretariat")
REPORT_MAKERS = ("head", "secretariat")
# The unit: everybody outside it gets 404 (the pages' existence does not leak), a member
# without the second factor is sent to enter it.
UNIT = {**only("wb2fa", others=404), "wb": SECOND_FACTOR}
UNIT_POST = {**UNIT, "wb2fa": 405}

EXPECTED = {
    "login": {**everyone(MOVED), "anon": 200},
    "logout": {**everyone(405), "anon": LOGIN},
    "set_language": everyone(MOVED),
    "core:home": only(*PERSONAS, code=200),
    "core:healthz": everyone(200),
    # The identity provider's pages exist only when it is configured (not in the tests' settings).
    "oidc_start": everyone(404),
    "oidc_callback": everyone(404),
    # Outgoing e-mail: the secretariat's page.
    "core:outbox": only("secretariat"),
    "core:outbox_retry": only("secretariat", code=405),
    "core:accessibility": everyone(200),
    # The retention schedule: the secretariat's page and its three actions (POST only).
    "retention:schedule": only("secretariat"),
    "retention:period": only("secretariat", code=405),
    "retention:release": only("secretariat", code=405),
    "retention:collected": only("secretariat", code=405),
    # The search across complaints, supervisions and consultations: jurists and the head.
    "core:search": only(*CASEWORKERS),
    # The citizens' side: public; the survey only takes a POST.
    "complaints:public_form": everyone(200),
    "complaints:public_status": everyone(200),
    "complaints:public_survey": everyone(405),
    "complaints:public_message": everyone(405),
    "complaints:public_send_link": everyone(405),
    # A letter to the citizen: public with the case's secret link.
    "complaints:public_letter": everyone(200),
    # Case work: jurists and the head only (DOMAIN §1); superusers get no implicit role.
    "complaints:queue": only(*CASEWORKERS),
    "complaints:intake": only(*CASEWORKERS),
    "complaints:detail": only(*CASEWORKERS),
    "complaints:edit": only(*CASEWORKERS),
    "complaints:attachment_download": only(*CASEWORKERS),
    "complaints:letter": only(*CASEWORKERS),
    "complaints:case_file": only(*CASEWORKERS),
    "complaints:letter_download": only(*CASEWORKERS),
    # The load per caseworker: the head.
    "complaints:workload": only("head"),
    **{
        f"complaints:{name}": only(*CASEWORKERS, code=405)
        for name in [
            "transition",
            "point_add",
            "inquiry_add",
            "inquiry_remind",
            "reminder_correct",
            "inquiry_reply",
            "consent_add",
            "take",
            "reassign",
            "follow_up",
            "note_add",
            "note_edit",
            "round_add",
            "attachment_add",
            "incoming_add",
            "letter_send",
            "access_add",
            "disqualification_add",
        ]
    },
    "consultations:list": only(*CASEWORKERS),
    "consultations:new": only(*CASEWORKERS),
    "consultations:detail": only(*CASEWORKERS),
    **{
        f"consultations:{name}": only(*CASEWORKERS, code=405)
        for name in ["transition", "follow_up", "note_add", "note_edit", "access_add", "disqualification_add"]
    },
    "complaints:department_export": only("secretariat"),
    "supervision:queue": only(*CASEWORKERS),
    "supervision:create": only(*CASEWORKERS),
    "supervision:open_from_complaint": only(*CASEWORKERS),
    "supervision:tracker": only(*CASEWORKERS),
    "supervision:detail": only(*CASEWORKERS),
    "supervision:edit": only(*CASEWORKERS),
    "supervision:hearing_letter": only(*CASEWORKERS),
    **{
        f"supervision:{name}": only(*CASEWORKERS, code=405)
        for name in [
            "transition",
            "hearing_add",
            "hearing_remind",
            "hearing_reminder_correct",
            "hearing_answer",
            "recommendation_add",
            "recommendation_follow_up",
            "finding_set",
            "result_add",
            "follow_up",
            "note_add",
            "note_edit",
            "access_add",
            "disqualification_add",
        ]
    },
    # Requests for access to documents, on any kind of case: the caseworkers.
    "core:access_request": only(*CASEWORKERS),
    "core:access_letter": only(*CASEWORKERS),
    "core:access_decide": only(*CASEWORKERS, code=405),
    "core:access_deadline_letter": only(*CASEWORKERS, code=405),
    "core:access_withdraw": only(*CASEWORKERS, code=405),
    # Statistics: aggregate figures, also for the committee.
    "stats:dashboard": only(*STATISTICS),
    "stats:export_csv": only(*STATISTICS),
    "stats:export_xlsx": only(*STATISTICS),
    "stats:department": only(*STATISTICS),
    # The yearly report: the secretariat and the head.
    "annual_report:index": only(*REPORT_MAKERS),
    "annual_report:edition": only(*REPORT_MAKERS),
    "annual_report:pdf": only(*REPORT_MAKERS),
    "annual_report:item_add": only(*REPORT_MAKERS),
    "annual_report:item": only(*REPORT_MAKERS),
    "annual_report:item_remove": only(*REPORT_MAKERS, code=405),
    "annual_report:chapter_move": only(*REPORT_MAKERS, code=405),
    # The web edition to publish exists once the edition is published (the world's is a draft).
    "annual_report:web_zip": only(*REPORT_MAKERS, code=404),
    "annual_report:results": only(*REPORT_MAKERS, code=405),
    "annual_report:publish": only(*REPORT_MAKERS, code=405),
    "annual_report:unpublish": only(*REPORT_MAKERS, code=405),
    "annual_report:preview": only(*REPORT_MAKERS),
    "annual_report:comments_pdf": only(*REPORT_MAKERS),
    "annual_report:recommendation_comments": only(*REPORT_MAKERS),
    # The whistleblower portal is public (follow-up takes a POST with the receipt code) …
    "whistleblower:portal": everyone(200),
    "whistleblower:portal_report": everyone(200),
    "whistleblower:portal_follow_up": everyone(405),
    # … and the unit's pages are the unit's alone.
    "whistleblower:unit_queue": UNIT,
    "whistleblower:second_factor": {**UNIT, "wb": 200},
    "whistleblower:unit_oral": UNIT,
    "whistleblower:unit_report": UNIT,
    "whistleblower:unit_file": UNIT,
    **{
        f"whistleblower:{name}": UNIT_POST
        for name in [
            "unit_transition",
            "unit_message",
            "unit_identity",
            "unit_notes",
            "unit_record_approved",
            "unit_disclose",
            "unit_member_add",
            "unit_member_remove",
            "unit_member_code",
            "unit_file_original",
            "unit_summary",
        ]
    },
    # Only the unit changes its membership (issue 14, finding 1).
    "whistleblower:unit_members": UNIT,
}

# The admin: staff only (head, secretariat, superuser); everybody else is sent to its sign-in.
# Per model: what (head, secretariat, superuser) get on its view pages (list, object, history),
# its add page and its delete page. Superusers pass Django's model permissions except where a
# model refuses everyone (fixed departments, append-only audit log) or restricts case data to
# the secretariat (the import pages).
ADMIN_MODELS = {
    #                          view               add                delete
    "auth_group": ((403, 403, 200), (403, 403, 200), (403, 403, 200)),
    "auth_user": ((403, 403, 200), (403, 403, 200), (403, 403, 200)),
    "core_department": ((200, 200, 200), (403, 403, 403), (403, 403, 403)),
    "core_unit": ((200, 200, 200), (403, 200, 200), (403, 200, 200)),
    "core_contactperson": ((200, 200, 200), (403, 200, 200), (403, 200, 200)),
    "core_auditevent": ((200, 403, 200), (403, 403, 403), (403, 403, 403)),
    # The municipality's closing days: the secretariat keeps them, the head may look.
    "core_closingday": ((200, 200, 200), (403, 200, 200), (403, 200, 200)),
    "complaints_theme": ((403, 200, 200), (403, 200, 200), (403, 200, 200)),
    "complaints_consequence": ((403, 200, 200), (403, 200, 200), (403, 200, 200)),
    "complaints_lettertemplate": ((403, 200, 200), (403, 403, 403), (403, 403, 403)),
    "complaints_complaint": ((403, 200, 403), (403, 403, 403), (403, 403, 403)),
    "consultations_consultation": ((403, 200, 403), (403, 403, 403), (403, 403, 403)),
    "supervision_supervision": ((403, 200, 403), (403, 403, 403), (403, 403, 403)),
}
ADMIN_SITE = {  # the admin's own pages: (head, secretariat, superuser), anonymous visitors
    "admin:index": ((200, 200, 200), ADMIN_LOGIN),
    "admin:password_change": ((200, 200, 200), ADMIN_LOGIN),
    "admin:password_change_done": ((200, 200, 200), ADMIN_LOGIN),
    "admin:jsi18n": ((200, 200, 200), ADMIN_LOGIN),
    "admin:autocomplete": ((403, 403, 403), ADMIN_LOGIN),  # no autocomplete fields are declared
    "admin:view_on_site": ((404, 404, 404), ADMIN_LOGIN),
    "admin:app_list": ((200, 200, 200), ADMIN_LOGIN),  # the sample is the core app: reference data
    "admin:<unnamed admin/(?P<url>.*)$>": ((404, 404, 404), ADMIN_LOGIN),  # the admin's catch-all
    "admin:auth_user_password_change": ((403, 403, 200), LOGIN),  # setting a password: superusers only
}
STAFF = ("head", "secretariat", "superuser")


def admin_expectation(name: str) -> dict:
    if name in {"admin:login", "admin:logout"}:
        return {
            "admin:login": {**everyone(200), **dict.fromkeys(STAFF, MOVED)},
            "admin:logout": {**everyone(MOVED), "anon": ADMIN_LOGIN, **dict.fromkeys(STAFF, 405)},
        }[name]
    if name in ADMIN_SITE:
        staff, anon = ADMIN_SITE[name]
    elif name.startswith("admin:<unnamed") and name.endswith("<path:object_id>/>"):
        staff, anon = (MOVED, MOVED, MOVED), LOGIN  # /admin/<app>/<model>/<id>/ → its change page
    else:
        model, _, action = name.removeprefix("admin:").rpartition("_")
        if action == "import" and model.endswith("_process"):
            # The import's second step takes only a POST and django-import-export checks the
            # method first: 405 for all staff here; the POST is refused in its own test.
            staff = (405, 405, 405)
        else:
            view, add, delete = ADMIN_MODELS[model]
            staff = {"add": add, "delete": delete, "import": view}.get(action, view)
        anon = LOGIN
    # Signed-in non-staff are sent to the admin's sign-in; anonymous visitors to the site's
    # (LoginRequiredMiddleware) except on the admin's own login-free pages.
    return {**everyone(ADMIN_LOGIN), "anon": anon, **dict(zip(STAFF, staff, strict=True))}


DISQUALIFIED = "disq"
EVERYBODY = (*PERSONAS, DISQUALIFIED)


def on_a_world_case(sample) -> bool:
    """The URL shows or changes one of the world's complaint, consultation or supervision, or
    the request for access on the complaint."""
    app = sample.name.split(":")[0]
    if sample.name.startswith("core:access_"):
        return True
    return app in ("complaints", "consultations", "supervision") and bool(
        {"pk", "case_number", "complaint_pk"} & set(sample.params)
    )


def expectation(name: str, sample=None) -> dict | None:
    if name.startswith("admin:"):
        try:
            expected = admin_expectation(name)
        except (KeyError, ValueError):
            return None
    else:
        expected = EXPECTED.get(name)
    if expected is None:
        return None
    as_jurist = expected["jurist"]
    refused = sample is not None and on_a_world_case(sample) and as_jurist == 200
    return {**expected, DISQUALIFIED: 403 if refused else as_jurist}


@pytest.fixture
def clients(jurist, head, wb_member, committee, secretariat, outsider, superuser):
    from core.disqualification import disqualification_record
    from tests.factories import UserFactory

    disqualified = UserFactory(username="p-disq", roles=["jurist"])
    users = {
        "jurist": jurist,
        "head": head,
        "wb": wb_member,
        "committee": committee,
        "secretariat": secretariat,
        "outsider": outsider,
        "superuser": superuser,
    }
    result = {"anon": Client()}
    for persona, user in users.items():
        result[persona] = Client()
        result[persona].force_login(user)
    result["wb2fa"] = sign_in_with_second_factor(Client(), wb_member)
    result[DISQUALIFIED] = Client()
    result[DISQUALIFIED].force_login(disqualified)

    def disqualify(world):
        from supervision.models import Supervision

        for case in (world.complaint, world.consultation, Supervision.objects.get(pk=world.supervision_pk)):
            disqualification_record(
                instance=case, person=disqualified, by=head, reason="Nær relation til en part."
            )

    result["disqualify"] = disqualify
    return result


def outcome(response) -> int | str:
    if response.status_code != 302:
        return response.status_code
    target = urlparse(response["Location"]).path
    return {"/log-ind/": LOGIN, "/admin/login/": ADMIN_LOGIN, "/whistleblower/enhed/2fa/": SECOND_FACTOR}.get(
        target, MOVED
    )


def test_every_url_answers_every_persona_as_written_down(clients, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    world = build_world()
    clients["disqualify"](world)
    samples = all_url_samples()
    missing = sorted({s.name for s in samples if expectation(s.name) is None})
    assert missing == [], f"URL patterns without an expectation in the matrix: {missing}"

    wrong, without_csp, stored = [], set(), set()
    for sample in samples:
        path = url(sample, world)
        expected = expectation(sample.name, sample)
        for persona in EVERYBODY:
            response = clients[persona].get(path)
            got = outcome(response)
            if got != expected[persona]:
                wrong.append(f"{sample.name} {path} {persona}: expected {expected[persona]}, got {got}")
            if "default-src 'self'" not in response.get("Content-Security-Policy", ""):
                without_csp.add(sample.name)
            if sample.name.startswith("whistleblower:") and "no-store" not in response.get(
                "Cache-Control", ""
            ):
                stored.add(f"{sample.name} {persona}")
    assert wrong == [], "\n" + "\n".join(wrong)
    assert without_csp == set()  # every answer, errors and redirects included, carries the CSP
    # No browser keeps a page of the whistleblower scheme, whoever asked and whatever the answer.
    assert stored == set()
    search = clients["wb2fa"].get("/whistleblower/enhed/?q=kørsel&state=all")
    assert search.status_code == 200 and "no-store" in search["Cache-Control"]
    assert len(samples) * len(PERSONAS) > 1000  # the walk covered the admin and every app
    # The disqualified jurist was refused on every page of the cases (not only on a few).
    assert sum(expectation(s.name, s)[DISQUALIFIED] == 403 for s in samples if on_a_world_case(s)) >= 13


def test_refused_posts_change_nothing(clients, settings, tmp_path):
    """Every URL that refuses a persona on GET refuses its POST as well, and the database
    (audit log, case timelines, report events) is unchanged afterwards."""
    from complaints.models import CaseEvent
    from core.models import AccessLetter, AccessRequest, AuditEvent, CaseNote, Disqualification
    from supervision.models import SupervisionEvent
    from whistleblower.models import ReportEvent

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    world = build_world()
    clients["disqualify"](world)

    def snapshot():
        return [
            m.objects.count()
            for m in (
                AuditEvent,
                CaseEvent,
                SupervisionEvent,
                ReportEvent,
                CaseNote,
                AccessRequest,
                AccessLetter,
                Disqualification,
            )
        ]

    before = snapshot()
    leaks = []
    for sample in all_url_samples():
        if sample.name.startswith("admin:"):
            continue
        path = url(sample, world)
        expected_all = EXPECTED[sample.name]
        refusals = dict.fromkeys(expected_all, (403, 404, LOGIN, SECOND_FACTOR))
        if on_a_world_case(sample) and expected_all["jurist"] in (200, 405):
            # Whatever a jurist may do on the case, the disqualified one may not; a page that
            # takes no POST (the jurist's GET answers 200) may say so instead.
            expected_all = {**expected_all, DISQUALIFIED: 403}
            refusals[DISQUALIFIED] = (403, 404, 405) if EXPECTED[sample.name]["jurist"] == 200 else (403,)
        for persona, expected in expected_all.items():
            if expected in (403, 404, LOGIN, SECOND_FACTOR):
                got = outcome(clients[persona].post(path, {}))
                if got not in refusals[persona]:
                    leaks.append(f"{sample.name} {persona}: POST answered {got}")
    assert leaks == []
    assert snapshot() == before


def test_only_the_secretariat_can_post_a_case_import_in_the_admin(clients):
    """django-import-export answers a GET of process_import with 405 before it checks the
    permission, so the matrix cannot tell; the POST must be refused to everybody else."""
    for model in ["complaints/complaint", "consultations/consultation", "supervision/supervision"]:
        path = f"/admin/{model}/process_import/"
        for persona in ["head", "superuser"]:
            assert clients[persona].post(path, {}).status_code == 403, (path, persona)
        assert outcome(clients["jurist"].post(path, {})) == ADMIN_LOGIN
        assert clients["secretariat"].post(path, {}).status_code != 403


# --- the insider boundary (issue 14): a unit member's account and the unit's group -----------
# Their admin pages, for every persona. Staff: (head, secretariat, superuser). A superuser may
# look at a member's account but not delete it (the unit's records refer to it) and may only
# look at the unit's group (read-only), never change or delete it.
UNIT_ACCOUNT_PAGES = {
    "admin:auth_user_change": (403, 403, 200),
    "admin:auth_user_history": (403, 403, 200),
    "admin:auth_user_password_change": (403, 403, 200),
    "admin:auth_user_delete": (403, 403, 403),
    "admin:auth_group_change": (403, 403, 200),
    "admin:auth_group_history": (403, 403, 200),
    "admin:auth_group_delete": (403, 403, 403),
}


def test_the_admin_pages_of_the_units_accounts_and_group_answer_as_written_down(clients, wb_member):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    unit = Group.objects.get(name="whistleblower_unit")
    wrong = []
    for name, staff in UNIT_ACCOUNT_PAGES.items():
        target = unit.pk if "group" in name else wb_member.pk
        path = reverse(name, args=[target])
        expected = {**everyone(ADMIN_LOGIN), "anon": LOGIN, **dict(zip(STAFF, staff, strict=True))}
        for persona in PERSONAS:
            got = outcome(clients[persona].get(path))
            if got != expected[persona]:
                wrong.append(f"{name} {persona}: expected {expected[persona]}, got {got}")
            # The same pages POSTed (a change, a deletion) change nothing for anybody.
            clients[persona].post(path, {"name": "omdøbt", "post": "yes", "groups": [unit.pk]})
    assert wrong == [], "\n" + "\n".join(wrong)
    assert Group.objects.filter(pk=unit.pk, name="whistleblower_unit").exists()
    assert list(unit.user_set.values_list("pk", flat=True)) == [wb_member.pk]


def test_the_superuser_escalation_path_is_closed(clients, superuser, wb_member):
    """The path found in the audit: own user page → add the unit's group → second-factor page
    → enrol a device with the password alone → the queue. Every step is refused now."""
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.whistleblower.test_membership import admin_form_data

    admin = clients["superuser"]
    unit = Group.objects.get(name="whistleblower_unit")
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    data = admin_form_data(admin.get(url))
    data["groups"] = [str(unit.pk)]
    assert admin.post(url, data).status_code == 200  # the form refuses the choice
    assert admin.post(reverse("admin:auth_group_change", args=[unit.pk]), {"name": "x"}).status_code == 403
    assert not superuser.groups.exists()
    for name in ("second_factor", "unit_queue", "unit_members"):
        assert outcome(admin.get(reverse(f"whistleblower:{name}"))) == 404
    assert admin.post(reverse("whistleblower:second_factor"), {"token": "123456"}).status_code == 404
    # A member holding only the password (no enrolment code) gets no key either.
    page = clients["wb"].get(reverse("whistleblower:second_factor")).content.decode()
    assert 'id="totp-secret"' not in page
    assert not TOTPDevice.objects.filter(user=wb_member, confirmed=False).exists()
