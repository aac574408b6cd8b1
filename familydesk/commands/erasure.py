"""``familydesk privacy erasure request|list|carry-out|refuse``: erasure requests
(GDPR art. 17), added to the ``privacy`` command."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, format_date
from familydesk.privacy.erasure_words import REFUSAL_GROUNDS
from familydesk.trust import permissions


def add_actions(actions: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = actions.add_parser(
        "erasure", help=_("requests to erase a person (right to be forgotten)")
    )
    steps = parser.add_subparsers(dest="erasure_action", metavar=_("ACTION"), required=True)
    request = steps.add_parser("request", help=_("record a request received at the desk"))
    request.add_argument("--person", required=True, metavar="ID", help=_("uid or tax code"))
    request.add_argument(
        "--by",
        default="",
        metavar=_("TEXT"),
        help=_("who asked and how, e.g. the mother, by e-mail"),
    )
    listing = steps.add_parser("list", help=_("show the requests, open ones first"))
    listing.add_argument("--status", choices=["open", "carried_out", "refused"])
    carry = steps.add_parser("carry-out", help=_("anonymise the person of a request"))
    refuse = steps.add_parser("refuse", help=_("refuse a request, giving the legal ground"))
    for sub in (carry, refuse):
        sub.add_argument("request", metavar=_("REQUEST"), help=_("number of the request"))
    refuse.add_argument(
        "--ground",
        required=True,
        choices=sorted(REFUSAL_GROUNDS),
        help=_("the ground of art. 17(3)"),
    )
    refuse.add_argument("--note", default="", metavar=_("TEXT"), help=_("why, in a few words"))
    for sub in (request, listing, carry, refuse):
        add_common(sub)
        sub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from familydesk.privacy import erasure
    from familydesk.registry import person_id_for

    action = args.erasure_action
    needed = permissions.PRIVACY_REQUEST if action == "request" else permissions.PRIVACY_MANAGE
    database = open_signed_in(args, needed)
    try:
        if action == "request":
            person_id = database.read(person_id_for, args.person)
            row = database.write(erasure.record_erasure_request, person_id, None, args.by)
            print(_("Erasure request {id} recorded.").format(id=row.id))
        elif action == "list":
            for row in database.read(erasure.list_erasure_requests, args.status):
                print(
                    "\t".join(
                        [
                            str(row.id),
                            _(erasure.STATUSES[row.status]),
                            format_date(row.received_on),
                            row.person_uid,
                            format_date(row.decided_on),
                            row.refusal_ground,
                        ]
                    )
                )
        else:
            request_id = database.read(erasure.request_id_for, args.request)
            version = database.read(erasure.get_erasure_request, request_id).version
            if action == "carry-out":
                database.write(erasure.carry_out_erasure, request_id, version)
                print(
                    _("Erasure request {id} carried out: the person is anonymised.").format(
                        id=request_id
                    )
                )
            else:
                database.write(erasure.refuse_erasure, request_id, version, args.ground, args.note)
                print(_("Erasure request {id} refused.").format(id=request_id))
    finally:
        database.dispose()
    return 0
