"""The directory's papers, added under ``familydesk print``: ``guide`` (the guide to the
services, or with ``--need``/``--comune`` the one-page list for them) and ``referral`` (the
referral slip of a contact, for the family). A wrong ``--need`` or ``--comune`` is refused
naming the option. ReportLab is imported only when printing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from familydesk.commands.common import run_write
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError

_OPTIONS = {"need": "--need", "comune": "--comune"}


def directory_forms(forms: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    """The directory forms of ``familydesk print`` (``--out`` and the rest are added by it)."""
    guide = forms.add_parser(
        "guide", help=_("the guide to the services, by category and comune (or one need's list)")
    )
    guide.add_argument(
        "--need",
        default=None,
        metavar=_("KEY"),
        help=_("only the services for this need (its key, e.g. pregnancy_newborns)"),
    )
    guide.add_argument(
        "--comune",
        default=None,
        metavar=_("NAME"),
        help=_("only the services in this comune and those for the whole area"),
    )
    guide.set_defaults(handler=run_guide)
    referral = forms.add_parser(
        "referral", help=_("the referral slip of a contact, for the family")
    )
    referral.add_argument(
        "--contact", required=True, metavar=_("UID"), help=_("the contact's code (uid)")
    )
    referral.set_defaults(handler=run_referral)
    return [guide, referral]


def _language(args: argparse.Namespace) -> str:
    from familydesk import i18n

    return args.form_lang or i18n.current_language()


def run_guide(args: argparse.Namespace) -> int:
    from familydesk.directory.printouts import print_guide
    from familydesk.trust import permissions

    def work(session):  # type: ignore[no-untyped-def]
        return print_guide(session, Path(args.out), args.need, args.comune, _language(args))

    try:
        path = run_write(args, permissions.PRINT, work)
    except ValidationError as exc:
        option = _OPTIONS.get(exc.field)
        if option is None:
            raise
        # "Need: no need has ..." names the field as a form does; here the option.
        reason = exc.message.split(": ", 1)[-1]
        raise ValidationError(exc.field, f"{option}: {reason}") from exc
    print(_("Guide to the services written to {path}").format(path=path))
    return 0


def run_referral(args: argparse.Namespace) -> int:
    from familydesk.directory.printouts import print_referral
    from familydesk.trust import permissions

    path = run_write(
        args,
        permissions.PRINT,
        lambda session: print_referral(session, args.contact, Path(args.out), _language(args)),
    )
    print(_("Referral slip written to {path}").format(path=path))
    return 0
