"""Make the very first member of the whistleblower unit, on the server.

Only while no active member has a second factor — a new installation, or a unit that has lost
every member's device. Otherwise the unit adds its members itself, in its own area, and this
command refuses. Prints a one-time enrolment code (valid 72 hours) to hand over in person; the
member signs in and sets up their second factor with it. Logged in the unit's access log and
mailed to the unit's members.

    python manage.py wb_first_member USERNAME --reason "Ny ordning, udpeget af Borgerrådgiveren"
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from whistleblower import membership


class Command(BaseCommand):
    help = "Add the first member of the whistleblower unit and print their enrolment code."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="Why (written to the unit's access log).")

    def handle(self, *args, username, reason, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            code = membership.first_member(user=user, reason=reason)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"{username} is a member of the whistleblower unit.\n"
            f"Enrolment code (shown once, valid {membership.ENROLMENT_CODE_HOURS} hours): {code}\n"
            "Hand it over in person; after signing in, the member sets up the second factor with it."
        )
