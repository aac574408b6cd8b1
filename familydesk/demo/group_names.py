"""Plain data for the demo's parenting groups (no logic).

Titles and formats follow what family centres of Lombardy and Emilia actually
run: a consortium-wide course for parents ("Genitori imperfetti cercasi", 16
meetings), mothers-and-babies groups, infant massage, a parent school on
adolescence, a mutual-aid group of separated parents, Italian for mothers,
"Nati per leggere", fathers' play mornings. People and rooms are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupSpec:
    title: str
    kind: str
    #: Where it meets (codice catastale); "*" moves round the six comuni, one session each.
    comune: str
    target: str
    #: Children's age range and unit (None: no age rule).
    ages: tuple[int, int, str] | None
    capacity: int
    capacity_per: str
    sessions: int
    weekday: int
    #: "HH:MM" and minutes.
    starts: str
    minutes: int
    #: First session: weeks from the Monday of the demo's current week.
    week: int
    every_weeks: int = 1
    #: Sign-ups wanted, as a share of the places.
    popularity: float = 1.0
    #: Who signs up: "" (a parent, usually the mother), "fathers", "foreign_mothers".
    who: str = ""
    #: Index of the preferred room at the place.
    room: int = 0
    cost_cents: int | None = None
    cost_note: str = ""
    completion_percent: int = 75
    #: Sign-ups stay open while the group meets (mutual-aid groups).
    rolling: bool = False
    description: str = ""
    topics: tuple[str, ...] = ()


GROUPS = [
    GroupSpec(
        "Genitori imperfetti cercasi",
        "course",
        "*",
        "parents",
        (0, 14, "years"),
        25,
        "person",
        16,
        1,
        "20:30",
        120,
        -9,
        popularity=1.8,
        description="Percorso di sostegno alla genitorialità in 16 incontri, a rotazione "
        "nei sei comuni dell'Ambito: regole, emozioni, conflitti, autonomia.",
        topics=(
            "Presentazione e patto d'aula",
            "Essere genitori oggi",
            "Le regole",
            "I no che aiutano a crescere",
            "Le emozioni dei figli",
            "Le nostre emozioni",
            "I conflitti tra fratelli",
            "Scuola e compiti",
            "Gli schermi in famiglia",
            "Il gioco",
            "Autonomia e fiducia",
            "Coppia e genitorialità",
            "I nonni e la rete",
            "Crescere tra due culture",
            "Cosa ci portiamo a casa",
            "Festa di chiusura",
        ),
    ),
    GroupSpec(
        "Mamme e bebè 0-12 mesi",
        "playgroup",
        "L020",
        "both",
        (0, 12, "months"),
        10,
        "family",
        8,
        3,
        "10:00",
        90,
        -40,
        popularity=1.5,
        room=0,
        description="Incontri tra mamme con l'ostetrica e l'educatrice: allattamento, "
        "sonno, pianto, svezzamento.",
    ),
    GroupSpec(
        "Mamme e bebè 0-12 mesi",
        "playgroup",
        "E089",
        "both",
        (0, 12, "months"),
        10,
        "family",
        8,
        4,
        "10:00",
        90,
        -12,
        popularity=1.2,
        room=1,
    ),
    GroupSpec(
        "Massaggio infantile",
        "workshop",
        "G417",
        "both",
        (1, 6, "months"),
        8,
        "family",
        5,
        2,
        "10:00",
        90,
        -30,
        popularity=1.3,
        room=1,
        cost_cents=3000,
        cost_note="olio e dispense compresi; gratuito con la Carta della Famiglia",
        completion_percent=80,
    ),
    GroupSpec(
        "Massaggio infantile",
        "workshop",
        "H771",
        "both",
        (1, 6, "months"),
        8,
        "family",
        5,
        2,
        "10:00",
        90,
        3,
        popularity=1.3,
        room=0,
        cost_cents=3000,
        cost_note="olio e dispense compresi; gratuito con la Carta della Famiglia",
        completion_percent=80,
    ),
    GroupSpec(
        "Scuola per genitori: adolescenti",
        "parent_school",
        "L020",
        "parents",
        (11, 17, "years"),
        30,
        "person",
        6,
        0,
        "20:45",
        120,
        -46,
        popularity=0.9,
        room=0,
        description="Sei serate con la pedagogista: autonomia, rischi, scuola, "
        "comunicazione con i figli adolescenti.",
        topics=(
            "Chi sono gli adolescenti",
            "Comunicare senza litigare",
            "Regole e limiti",
            "Rischi e dipendenze",
            "Scuola e futuro",
            "Domande aperte",
        ),
    ),
    GroupSpec(
        "Scuola per genitori: i primi anni",
        "parent_school",
        "E089",
        "parents",
        (0, 6, "years"),
        30,
        "person",
        6,
        2,
        "20:30",
        120,
        5,
        popularity=0.8,
        room=1,
    ),
    GroupSpec(
        "Gruppo di auto mutuo aiuto genitori separati",
        "mutual_aid",
        "L020",
        "parents",
        None,
        12,
        "person",
        12,
        3,
        "18:30",
        120,
        -20,
        every_weeks=2,
        popularity=0.8,
        room=2,
        rolling=True,
        completion_percent=50,
        description="Gruppo di auto mutuo aiuto con facilitatrice, ogni due settimane.",
    ),
    GroupSpec(
        "Italiano per mamme (L2)",
        "language_course",
        "G417",
        "parents",
        None,
        15,
        "person",
        20,
        1,
        "09:00",
        120,
        -34,
        popularity=1.2,
        who="foreign_mothers",
        room=1,
        description="Corso di lingua italiana per mamme straniere, con spazio bimbi.",
        completion_percent=70,
    ),
    GroupSpec(
        "Italiano per mamme (L2)",
        "language_course",
        "F267",
        "parents",
        None,
        12,
        "person",
        20,
        3,
        "09:00",
        120,
        -7,
        popularity=1.1,
        who="foreign_mothers",
        completion_percent=70,
    ),
    GroupSpec(
        "Nati per leggere 0-3",
        "workshop",
        "B012",
        "both",
        (0, 3, "years"),
        8,
        "family",
        4,
        5,
        "10:00",
        90,
        -16,
        popularity=1.2,
        description="Letture ad alta voce per bambini e genitori con la biblioteca.",
    ),
    GroupSpec(
        "Nati per leggere 0-3",
        "workshop",
        "H771",
        "both",
        (0, 3, "years"),
        8,
        "family",
        4,
        5,
        "10:00",
        90,
        2,
        popularity=1.1,
        room=1,
    ),
    GroupSpec(
        "Papà in gioco",
        "playgroup",
        "E089",
        "both",
        (2, 6, "years"),
        10,
        "family",
        6,
        5,
        "09:30",
        120,
        -3,
        popularity=1.0,
        who="fathers",
        room=0,
        description="Sabato mattina di giochi e laboratori per papà e figli.",
    ),
    GroupSpec(
        "Spazio gioco 0-3: giocare insieme",
        "playgroup",
        "F267",
        "both",
        (0, 3, "years"),
        12,
        "family",
        10,
        4,
        "16:30",
        120,
        -52,
        popularity=0.8,
    ),
    GroupSpec(
        "Crescere con le emozioni (6-10 anni)",
        "course",
        "G417",
        "parents",
        (6, 10, "years"),
        20,
        "person",
        5,
        3,
        "20:30",
        120,
        9,
        popularity=1.0,
        room=1,
    ),
    GroupSpec(
        "Gruppo di parola per figli di genitori separati",
        "mutual_aid",
        "H771",
        "children",
        (6, 11, "years"),
        8,
        "person",
        4,
        5,
        "10:00",
        120,
        -24,
        popularity=0.9,
        room=0,
        completion_percent=100,
    ),
    GroupSpec(
        "Svezzamento: dubbi e domande",
        "workshop",
        "L020",
        "parents",
        (4, 12, "months"),
        15,
        "person",
        3,
        2,
        "17:00",
        120,
        -1,
        popularity=1.1,
        room=1,
    ),
]

#: Why a session did not take place.
CANCEL_REASONS = [
    "Educatrice malata",
    "Allerta meteo: servizi chiusi",
    "Sala non disponibile (seggio elettorale)",
    "Sciopero dei trasporti",
    "Poche adesioni per la serata",
]
#: Why people leave a group or the waiting list.
WITHDRAW_REASONS = [
    "Cambio di orario di lavoro",
    "Trasferimento in altro comune",
    "Motivi di salute",
    "Impegni familiari",
    "Sovrapposizione con altre attività",
    "",
]
#: Educators (demo operators with role educator) when the demo has fewer than three.
EDUCATORS = [
    ("educator2", "Marta Bellini"),
    ("educator3", "Davide Ruggeri"),
    ("educator4", "Sofia Galli"),
]
