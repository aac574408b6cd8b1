"""The real actions of two plans in ``shared/seeds``, as data (Italian: they are the
plans' own words, quoted or closely summarised, not interface strings):

- the Piano di Zona 2021-2023 of the Ambito territoriale di Suzzara (objectives by the
  regional macro-areas A-J of DGR XI/4563);
- the Piano Famiglia 2022 of the Consorzio intercomunale di Servizi (CIdiS), its
  actions with their *tassonomia* ("Realizzazione di 16 incontri per le famiglie").

Each indicator names a measure of ``familydesk.reports.plan.measures`` with filters
(a card type by its name, resolved when the demo is written), or a value typed in with
its source. ``groups`` are the demo's groups (by title) tagged with the action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SUZZARA = "Piano di Zona 2021-2023 – Ambito territoriale di Suzzara"
CIDIS = "Piano Famiglia 2022 – C.I.di S."


@dataclass(frozen=True)
class SeedIndicator:
    name: str
    target: int
    measure: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    manual_value: int | None = None
    manual_source: str = ""


@dataclass(frozen=True)
class SeedAction:
    plan: str
    code: str
    title: str
    area: str
    macro_area: str
    objective: str
    description: str
    indicators: tuple[SeedIndicator, ...]
    groups: tuple[str, ...] = ()


_I = SeedIndicator

ACTIONS: tuple[SeedAction, ...] = (
    SeedAction(
        SUZZARA,
        "A.1",
        "L'integrazione parla più lingue",
        "Contrasto alla povertà e all'emarginazione sociale",
        "A",
        "Favorire l'inclusione linguistica delle persone straniere residenti sul territorio "
        "tramite la sensibilizzazione, la diffusione e l'attivazione di corsi dedicati "
        "all'insegnamento dell'italiano come L2.",
        "Mappatura iniziale dei corsi e delle opportunità presenti sul territorio; "
        "coinvolgimento dei ragazzi di 2ª e 3ª generazione del progetto FAMI nella "
        "formazione linguistica; individuazione delle fasce di popolazione non raggiunte.",
        (
            _I(
                "Incontri dei corsi di italiano L2 realizzati",
                40,
                "sessions_held",
                {"tagged": True},
            ),
            _I(
                "Persone che hanno frequentato i corsi",
                25,
                "people_reached_groups",
                {"tagged": True},
            ),
        ),
        ("Italiano per mamme (L2)",),
    ),
    SeedAction(
        SUZZARA,
        "B.1",
        "Territorio – comunità – accessibilità abitativa",
        "Politiche abitative",
        "B",
        "Promuovere e sensibilizzare la comunità e gli stakeholder sulle opportunità di "
        "reperimento e locazione degli alloggi, anche a canone concordato.",
        "Una serie di incontri e iniziative per sensibilizzare gli stakeholder a porre in "
        "affitto a canone ridotto il maggior numero di alloggi possibile: mappatura degli "
        "alloggi, contatto con le agenzie immobiliari, incontri di sensibilizzazione.",
        (
            _I(
                "Accessi allo sportello per il bisogno casa", 40, "contacts", {"needs": ["housing"]}
            ),
            _I(
                "Incontri di sensibilizzazione realizzati",
                4,
                manual_value=3,
                manual_source="Ufficio di Piano – verbali degli incontri con le agenzie",
            ),
        ),
    ),
    SeedAction(
        SUZZARA,
        "E.1",
        "Rafforzamento degli strumenti di “long term care”",
        "Anziani",
        "E",
        "Ricomporre l'accesso ai servizi per la popolazione anziana e promuovere il dialogo "
        "con gli enti gestori delle unità d'offerta socio-sanitarie.",
        "Creazione del Punto Unico di Accesso (PUA), luogo in cui il cittadino riceve "
        "informazioni e orientamento, erogato in modo diffuso su tutti i comuni dell'Ambito; "
        "tavolo di confronto con i gestori delle UDO per anziani.",
        (
            _I("Accessi per anziani e caregiver", 20, "contacts", {"macro_area": "E"}),
            _I("Colloqui svolti", 300, "appointments_held"),
        ),
    ),
    SeedAction(
        SUZZARA,
        "G.1",
        "“Largo ai giovani!” Contrasto e prevenzione della povertà educativa",
        "Politiche giovanili e per i minori",
        "G",
        "Prevenire l'esclusione sociale attraverso il coinvolgimento attivo dei giovani: "
        "iniziative culturali innovative e percorsi di educativa di strada.",
        "Cabina di Regia “Young” per la coprogettazione di laboratori teatrali; "
        "coprogettazione di un servizio di educativa di strada e presa in carico educativa "
        "dei giovani a rischio di devianza.",
        (
            _I(
                "Accessi di giovani e per la scuola",
                30,
                "contacts",
                {"needs": ["youth", "schooling"]},
            ),
        ),
    ),
    SeedAction(
        SUZZARA,
        "H.1",
        "Giovani e mondo del lavoro: una nuova sfida",
        "Interventi connessi alle politiche del lavoro",
        "H",
        "Strutturare una rete di stakeholder per intercettare e contrastare le difficoltà "
        "socio-economiche dei giovani e facilitarne l'inserimento lavorativo.",
        "Percorsi di orientamento e re-inserimento lavorativo co-costruiti; protocollo con "
        "il Centro per l'Impiego per un flusso di informazioni con i servizi sociali.",
        (_I("Accessi per lavoro e formazione", 30, "contacts", {"needs": ["work_training"]}),),
    ),
    SeedAction(
        SUZZARA,
        "I.1",
        "“No to silence” contrasto alla violenza di genere",
        "Interventi per la famiglia",
        "I",
        "Favorire la condivisione del protocollo provinciale per il contrasto alla violenza "
        "di genere tra gli attori del territorio.",
        "Ridefinizione e condivisione di prassi operative con gli operatori psico-sociali; "
        "due giornate di confronto operativo; un tavolo permanente territoriale sul tema.",
        (_I("Accessi per violenza", 10, "contacts", {"needs": ["violence"]}),),
    ),
    SeedAction(
        SUZZARA,
        "I.2",
        "“Conciliamente” promozione e sviluppo di azioni di conciliazione vita-lavoro",
        "Interventi per la famiglia",
        "I",
        "Mettere a sistema strumenti di rilevazione dei bisogni conciliativi delle famiglie "
        "del territorio.",
        "Un gruppo di lavoro tra l'Azienda e gli uffici scuola dei comuni: mappatura dei "
        "servizi esistenti, questionario alle famiglie “campione” e alle aziende del "
        "territorio, valutazione di una cabina di regia permanente.",
        (
            _I(
                "Famiglie raggiunte per la conciliazione",
                40,
                "families_reached_desk",
                {"needs": ["childcare_work_life"]},
            ),
        ),
    ),
    SeedAction(
        SUZZARA,
        "J.1",
        "Presa in carico integrata della persona disabile",
        "Interventi a favore delle persone con disabilità",
        "J",
        "Promuovere il Progetto di Vita della persona con disabilità con una presa in carico "
        "integrata tra i servizi del territorio.",
        "Valutazione multidimensionale del bisogno; percorsi di collaborazione stabili tra "
        "servizi sociali, scuole, servizi sanitari e terzo settore.",
        (
            _I("Accessi per disabilità", 15, "contacts", {"needs": ["disability"]}),
            _I("Invii ai servizi del territorio", 60, "referrals"),
        ),
    ),
    SeedAction(
        CIDIS,
        "",
        "Network Comuni Amici della Famiglia",
        "Adesione ai marchi familiari",
        "",
        "Promuovere il confronto sulle buone prassi e iniziative in favore delle famiglie e "
        "della comunità, attivate da altri Comuni Family aderenti al Network.",
        "Rinnovo dell'adesione al Network e partecipazione ad eventi e iniziative promosse "
        "dallo stesso.",
        (
            _I(
                "Eventi del Network a cui il Consorzio ha partecipato",
                4,
                manual_value=3,
                manual_source="Segreteria del Tavolo intercomunale CIdiS – verbali",
            ),
        ),
    ),
    SeedAction(
        CIDIS,
        "",
        "Ideazione Carta della Famiglia",
        "Carta della qualità dei servizi",
        "I",
        "Sostenere le famiglie con attenzione particolare a quelle più numerose e/o vulnerabili.",
        "Un gruppo di progettazione per l'ideazione di una Carta della Famiglia, strumento "
        "per la promozione di opportunità e benefici di carattere sociale, educativo, "
        "commerciale, culturale e sportivo.",
        (
            _I("Carte Famiglia attive", 15, "cards_active", {"card_type": "Carta Famiglia"}),
            _I("Carte Famiglia rilasciate", 8, "cards_issued", {"card_type": "Carta Famiglia"}),
            _I("Utilizzi delle agevolazioni", 150, "benefit_uses"),
        ),
    ),
    SeedAction(
        CIDIS,
        "",
        "Ben-Nasco",
        "Promozione della natalità (Bonus bebè, kit nuovi nati ecc.)",
        "I",
        "Promuovere uno stato di salute e uno sviluppo sociale ed emotivo adeguato; ridurre "
        "le disuguaglianze aumentando le opportunità di benessere; promuovere reti sociali.",
        "Supporto alla genitorialità nei primi mesi di vita del bambino con interventi "
        "domiciliari e occasioni di socialità; laboratori tematici per adulti e bambini, "
        "gruppi mamme con educatori.",
        (
            _I("Famiglie nei gruppi mamme e bebè", 20, "families_reached_groups", {"tagged": True}),
            _I(
                "Accessi per gravidanza e nuovi nati",
                30,
                "contacts",
                {"needs": ["pregnancy_newborns"]},
            ),
        ),
        ("Mamme e bebè 0-12 mesi", "Massaggio infantile"),
    ),
    SeedAction(
        CIDIS,
        "",
        "Genitori imperfetti cercasi",
        "Incontri formativi e informativi: Educazione, Genitorialità, Conciliazione, "
        "Vita di coppia",
        "I",
        "Offrire alle famiglie opportunità di incontro e spazi di sostegno alla genitorialità "
        "per fermarsi, ascoltarsi, “prendere del tempo”, riflettere sui temi "
        "dell'educazione e della società.",
        "Progettazione partecipata e lavoro con la rete; elaborazione e stampa dei materiali "
        "informativi; realizzazione di 16 incontri per le famiglie sul territorio consortile.",
        (
            _I("Incontri per le famiglie realizzati", 16, "sessions_held", {"tagged": True}),
            _I("Genitori che hanno partecipato", 60, "people_reached_groups", {"tagged": True}),
        ),
        ("Genitori imperfetti cercasi",),
    ),
    SeedAction(
        CIDIS,
        "",
        "Promozione della cittadinanza giovanile",
        "Progetti di partecipazione attiva di bambini, ragazzi e giovani",
        "G",
        "Promuovere la cittadinanza attiva dei giovani del territorio, responsabilizzandoli "
        "alla solidarietà verso i cittadini più fragili e la comunità in cui vivono.",
        "Tra le aree di sviluppo, la progettazione di una card per i cittadini tra i 18 e i "
        "25 anni con alcuni benefit: scontistica, buoni acquisto, accesso gratuito a corsi "
        "sportivi, culturali e servizi.",
        (
            _I(
                "Utilizzi delle agevolazioni sportive",
                30,
                "benefit_uses",
                {"partner_category": "sports"},
            ),
        ),
    ),
)
