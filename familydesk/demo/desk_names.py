"""Plain data for the demo front desk and appointments (no logic).

Patron saints are the real ones of the six comuni of the Ambito di Suzzara
(Italian Wikipedia and the comuni's own pages; San Benedetto Po celebrates
San Benedetto abate, taken here on 11 July). Places, people and addresses
are invented.
"""

#: Patron saint's day (MM-DD) and saint, by codice catastale of the comune.
PATRONS = {
    "L020": ("02-03", "San Biagio"),
    "E089": ("09-08", "Natività di Maria Vergine"),
    "G417": ("08-10", "San Lorenzo"),
    "H771": ("07-11", "San Benedetto abate"),
    "F267": ("08-29", "Martirio di San Giovanni Battista"),
    "B012": ("09-30", "San Girolamo"),
}

#: One place per comune: name, address, rooms, morning hours (Monday to Friday),
#: the two afternoons it is open (0 = Monday) and their hours.
PLACES = {
    "L020": (
        "Centro per le Famiglie di Suzzara",
        "Via Cavour 12",
        ("Sala Arcobaleno", "Sala Girasole", "Sala Mediazione"),
        ("09:00", "13:00"),
        (1, 3),
        ("14:30", "18:00"),
    ),
    "E089": (
        "Sportello Famiglie di Gonzaga",
        "Piazza Matteotti 14",
        ("Stanza 1", "Stanza 2"),
        ("08:30", "12:30"),
        (0, 2),
        ("14:00", "17:30"),
    ),
    "G417": (
        "Sportello Famiglie di Pegognaga",
        "Piazza Vittorio Veneto 9",
        ("Sala colloqui", "Sala riunioni"),
        ("09:00", "12:30"),
        (1, 4),
        ("14:30", "17:30"),
    ),
    "H771": (
        "Sportello Famiglie di San Benedetto Po",
        "Via Ferri 21",
        ("Sala del chiostro", "Ufficio 2"),
        ("09:00", "13:00"),
        (0, 3),
        ("14:30", "18:00"),
    ),
    "F267": (
        "Sportello Famiglie di Moglia",
        "Piazza della Libertà 3",
        ("Sala colloqui",),
        ("08:30", "12:30"),
        (2, 4),
        ("14:30", "17:00"),
    ),
    "B012": (
        "Sportello Famiglie di Motteggiana",
        "Via Roma 22",
        ("Sala colloqui",),
        ("09:00", "12:30"),
        (1, 3),
        ("14:30", "17:00"),
    ),
}

#: Professionals: name, profession, service key, where they are on each weekday
#: (0 = Monday, by codice catastale), how full their agenda is (1 = as full as most).
PROFESSIONALS = [
    (
        "Dott.ssa Paola Rinaldi",
        "psicologa",
        "psychological_counselling",
        {0: "L020", 1: "E089", 2: "L020", 4: "L020"},
        1.0,
    ),
    (
        "Dott. Marco Ferri",
        "psicologo",
        "psychological_counselling",
        {0: "G417", 1: "H771", 2: "F267", 3: "G417"},
        0.9,
    ),
    (
        "Dott.ssa Chiara Bonazzi",
        "psicologa",
        "psychological_counselling",
        {1: "L020", 2: "B012", 3: "L020"},
        0.8,
    ),
    (
        "Sara Lodi",
        "assistente sociale",
        "social_worker_interview",
        {0: "L020", 1: "L020", 2: "L020", 3: "L020"},
        1.3,
    ),
    (
        "Elena Cantoni",
        "assistente sociale",
        "social_worker_interview",
        {0: "E089", 1: "F267", 2: "E089", 3: "E089", 4: "F267"},
        1.0,
    ),
    (
        "Luca Gavioli",
        "assistente sociale",
        "social_worker_interview",
        {0: "H771", 1: "G417", 2: "H771", 3: "B012", 4: "G417"},
        0.9,
    ),
    (
        "Dott.ssa Giulia Ferretti",
        "mediatrice familiare",
        "family_mediation",
        {1: "L020", 2: "G417", 4: "L020"},
        0.8,
    ),
    (
        "Dott.ssa Monica Zanotti",
        "pedagogista",
        "pedagogical_counselling",
        {0: "L020", 2: "E089", 3: "H771"},
        0.8,
    ),
    (
        "Francesca Sarzi",
        "ostetrica",
        "breastfeeding_support",
        {2: "L020", 3: "E089", 4: "L020"},
        0.7,
    ),
    ("Avv. Silvia Bertolini", "avvocata", "legal_advice", {3: "L020"}, 0.7),
]
#: The professional who signs in as the demo operator "professional" ("my agenda").
OPERATOR_PROFESSIONAL = "Dott.ssa Paola Rinaldi"

#: Interpreters and cultural mediators: name, languages (as families write them),
#: weekdays they work (at any place).
INTERPRETERS = [
    ("Amina Haddad", "arabo, francese", (0, 2, 3)),
    ("Rukhsana Malik", "urdu, punjabi, hindi, bengalese", (1, 3, 4)),
    ("Natalia Ciobanu", "rumeno, russo, ucraino", (0, 1, 4)),
]

#: Days every place closes beyond public holidays and patron days (MM-DD, reason).
CLOSURES = [("12-24", "Vigilia di Natale"), ("12-31", "Chiusura di fine anno")]
#: A few closures of one place (comune, how many days before today, days, reason).
PLACE_CLOSURES = [
    ("F267", 200, 2, "Lavori di manutenzione"),
    ("L020", 95, 1, "Assemblea del personale"),
    ("G417", -20, 1, "Seggio elettorale"),
]

#: Appointment services the walk-in needs lead to (need key: service keys).
NEED_SERVICES = {
    "parenting": ("pedagogical_counselling", "psychological_counselling"),
    "mediation": ("family_mediation",),
    "pregnancy_newborns": ("breastfeeding_support",),
    "schooling": ("pedagogical_counselling",),
    "violence": ("psychological_counselling", "legal_advice"),
    "economic_support": ("social_worker_interview",),
    "housing": ("social_worker_interview",),
    "foster_adoption": ("social_worker_interview",),
    "disability": ("social_worker_interview",),
    "elderly_caregivers": ("social_worker_interview",),
    "orientation": ("social_worker_interview",),
}
#: Series: service key, every how many weeks, fewest and most occurrences, how common.
SERIES = [
    ("psychological_counselling", 1, 6, 12, 3),
    ("family_mediation", 2, 4, 8, 1),
    ("pedagogical_counselling", 2, 3, 6, 1),
]

#: How often each need is brought to the desk (weights).
NEED_WEIGHTS = {
    "orientation": 22,
    "economic_support": 18,
    "parenting": 14,
    "pregnancy_newborns": 7,
    "childcare_work_life": 7,
    "schooling": 6,
    "housing": 6,
    "work_training": 6,
    "mediation": 4,
    "language_mediation": 4,
    "disability": 3,
    "youth": 2,
    "elderly_caregivers": 2,
    "foster_adoption": 1,
    "violence": 1,
    "other": 2,
}
#: Where a need is referred to when the place is not in the directory (free text,
#: "other"); the directory's services are in :mod:`directory_names`.
OTHER_REFERRALS = {
    "orientation": ("Ufficio anagrafe del Comune", "Prefettura - Sportello Unico Immigrazione"),
    "economic_support": ("INPS", "Banco di solidarietà di quartiere"),
    "parenting": ("Pediatra di libera scelta",),
    "pregnancy_newborns": ("Pediatra di libera scelta", "Ospedale Carlo Poma - ostetricia"),
    "childcare_work_life": ("Nido aziendale", "Baby sitter di fiducia"),
    "schooling": ("Scuola secondaria di secondo grado",),
    "housing": ("ALER Mantova", "Agenzia immobiliare"),
    "work_training": ("Agenzia per il lavoro", "Ente di formazione professionale"),
    "mediation": ("Avvocato di famiglia",),
    "language_mediation": ("Sportello stranieri della Questura",),
    "disability": ("Medico di medicina generale",),
    "youth": ("Oratorio", "Servizio civile regionale"),
    "elderly_caregivers": ("RSA del territorio", "Medico di medicina generale"),
    "foster_adoption": ("Tribunale per i minorenni di Brescia",),
    "violence": ("Carabinieri - stazione di Suzzara", "Pronto soccorso"),
    "other": ("Ufficio relazioni con il pubblico del Comune",),
}
#: Short notes an operator writes (no names or personal details).
NOTES = {
    "orientation": ("Chiede quali servizi offre il centro", "Appena arrivati in zona"),
    "economic_support": (
        "Chiede del bonus energia",
        "Domanda per il fondo affitti",
        "ISEE da rinnovare",
        "Chiede dell'assegno unico",
    ),
    "parenting": (
        "Difficoltà con il figlio adolescente",
        "Chiede del gruppo genitori",
        "Regole e autonomia dei bambini",
    ),
    "pregnancy_newborns": ("Gravidanza al settimo mese", "Allattamento: chiede sostegno"),
    "childcare_work_life": ("Cerca un posto al nido", "Orari di lavoro e centri estivi"),
    "schooling": ("Iscrizione alla scuola primaria", "Difficoltà scolastiche segnalate"),
    "housing": ("Sfratto annunciato", "Cerca casa in affitto"),
    "work_training": ("Cerca lavoro part-time", "Chiede corsi di formazione"),
    "mediation": ("Separazione in corso", "Conflitto sugli orari dei figli"),
    "language_mediation": ("Serve aiuto con i moduli della scuola",),
}
#: Who sent them (weights); empty: nobody in particular.
REFERRED_BY = {
    "": 35,
    "Passaparola": 18,
    "Scuola": 10,
    "Servizio Sociale di base": 9,
    "Consultorio familiare": 6,
    "Pediatra di libera scelta": 6,
    "Sito del Comune": 5,
    "Nido d'infanzia": 4,
    "Parrocchia / Caritas": 3,
    "CPI - Centro per l'impiego": 2,
    "Volantino del centro": 2,
}
#: Why an appointment was cancelled.
CANCEL_REASONS = (
    "La famiglia ha chiesto di rinviare",
    "Bambino malato",
    "Impegno di lavoro",
    "Problemi di trasporto",
    "Disdetto per telefono",
    "Spostato su richiesta della famiglia",
)
#: Notes on a few appointments.
APPOINTMENT_NOTES = (
    "Primo colloquio",
    "Portare l'ISEE aggiornato",
    "Colloquio di restituzione",
    "Con entrambi i genitori",
    "Richiesto dal Servizio Sociale",
)
#: Anonymous visitors: citizenships and comuni they give.
ANON_CITIZENSHIPS = {
    "italiana": 60,
    "marocchina": 10,
    "rumena": 7,
    "pakistana": 6,
    "albanese": 5,
    "indiana": 5,
    "nigeriana": 4,
    "ucraina": 3,
}
ANON_COMUNI = (
    "Suzzara",
    "Gonzaga",
    "Pegognaga",
    "San Benedetto Po",
    "Moglia",
    "Motteggiana",
    "Mantova",
    "Reggiolo",
    "Luzzara",
)
