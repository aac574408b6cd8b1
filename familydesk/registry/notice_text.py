"""The text of the privacy notice (GDPR art. 13), in English msgids translated per form.

Changing the substance of this text means a new notice: bump
``records.PRIVACY_NOTICE_VERSION`` so that consents name the version signed.
``{controller}`` is filled with the centre's name, address and contacts.
"""

from __future__ import annotations

from familydesk.i18n import N_

TITLE = N_("Information notice on the processing of personal data")
SUBTITLE = N_(
    "under article 13 of Regulation (EU) 2016/679 (General Data Protection Regulation, "
    "“the Regulation”)"
)
INTRO = N_(
    "This notice explains how the family centre uses the personal data of the people who "
    "turn to it and of the members of their families, and what rights they have."
)

#: (heading, paragraph) in the order printed.
SECTIONS: tuple[tuple[str, str], ...] = (
    (
        N_("Controller"),
        N_(
            "The controller of your personal data is {controller}. The data protection officer "
            "(DPO) appointed by the controller can be reached at the same addresses."
        ),
    ),
    (
        N_("Purposes"),
        N_(
            "Your data and those of your family members are processed to: give you access to "
            "the services of the family centre (reception, information and guidance, "
            "counselling, family mediation and parenting support, appointments with "
            "professionals); enrol you in groups, courses and workshops and record attendance; "
            "issue, renew and manage the family card and the benefits offered by partner "
            "businesses; produce anonymous statistics to plan and evaluate social services "
            "(Piano di Zona)."
        ),
    ),
    (
        N_("Legal basis"),
        N_(
            "The processing is necessary to perform tasks carried out in the public interest or "
            "in the exercise of official authority vested in the controller (art. 6(1)(e) of the "
            "Regulation), under the national and regional laws on social services and family "
            "support (among them Law no. 328/2000). Data concerning health, such as a "
            "disability, are processed only where necessary, for reasons of substantial public "
            "interest (art. 9(2)(g) of the Regulation and art. 2-sexies of Legislative Decree "
            "no. 196/2003). Contacts by phone, SMS and e-mail and the use of photos rely on your "
            "consent (art. 6(1)(a) of the Regulation)."
        ),
    ),
    (
        N_("Providing your data"),
        N_(
            "The data needed for the services must be provided: without them we cannot enrol "
            "you in the services. The consents below are optional: refusing or withdrawing them "
            "does not affect the services you receive, and a withdrawal does not affect the "
            "lawfulness of the processing carried out before it."
        ),
    ),
    (
        N_("How your data are processed"),
        N_(
            "Data are processed on paper and by computer by staff authorised and instructed by "
            "the controller, with security measures suited to the risk. No decision is taken "
            "by automated means alone and no profiling is carried out."
        ),
    ),
    (
        N_("Recipients"),
        N_(
            "Data may be shared with the comuni of the area and their social services, with the "
            "co-operatives and professionals who run services on behalf of the controller "
            "(appointed as processors), with partner businesses only to check that a family "
            "card is valid, and with public authorities where the law requires it. Data are not "
            "published and are not transferred outside the European Union."
        ),
    ),
    (
        N_("Retention"),
        N_(
            "Data are kept for as long as you use the centre's services and afterwards for the "
            "periods set by the rules on the records of public administrations; then they are "
            "deleted or made anonymous. Data processed on the basis of consent are kept until "
            "the consent is withdrawn."
        ),
    ),
    (
        N_("Your rights"),
        N_(
            "You have the right to ask the controller for access to your personal data, for "
            "their rectification or erasure and for the restriction of processing, to object "
            "to the processing and, where applicable, to data portability (articles 15 to 22 "
            "of the Regulation). You may withdraw a consent at any time. To exercise these "
            "rights, contact the controller at the addresses above."
        ),
    ),
    (
        N_("Complaints"),
        N_(
            "If you believe that your data are processed in breach of the Regulation, you have "
            "the right to lodge a complaint with the Garante per la protezione dei dati "
            "personali (www.garanteprivacy.it) or to take legal action."
        ),
    ),
)

#: What each optional consent allows, printed next to its yes/no boxes.
CONSENT_PURPOSES: dict[str, str] = {
    "contact_phone": N_("calls about appointments and the centre's activities"),
    "contact_sms": N_("text messages with appointment reminders and news of the centre"),
    "contact_email": N_("e-mails with appointment reminders, news and invitations to activities"),
    "photos": N_(
        "photos and videos taken during group activities, used without names to document and "
        "make known the centre's work (website, leaflets)"
    ),
}

ADULT_DECLARATION = N_(
    "I, the undersigned {name}, declare that I have received and read this information "
    "notice, and I give the answers below."
)
GUARDIAN_DECLARATION = N_(
    "I, the undersigned {blank}, as parent or guardian of {name}, declare that I have "
    "received and read this information notice, and I give the answers below on the "
    "minor's behalf."
)
