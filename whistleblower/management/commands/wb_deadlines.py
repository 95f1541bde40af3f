"""E-mail the whistleblower unit about deadlines: acknowledgements due within 2 days and
feedback due within 14 days. The mail holds counts and a link — never content or references.
The scheduler runs this every morning (ops.jobs, ``wb_deadlines``); the command is for a run
by hand."""

from django.core.management.base import BaseCommand

from whistleblower.upkeep import deadlines_remind


class Command(BaseCommand):
    help = "Remind the whistleblower unit of statutory deadlines (no content in the mail)."

    def handle(self, *args, **options):
        result = deadlines_remind()
        if not (result["acknowledgements"] or result["feedback"]):
            self.stdout.write("No deadlines within the reminder windows.")
            return
        self.stdout.write(
            f"Reminded {result['recipients']} unit member(s): "
            f"{{'acknowledgements': {result['acknowledgements']}, 'feedback': {result['feedback']}}}"
        )
