"""De lezingen waarop de kwartaalrapportage rekent, zoals ze onder elk rapport staan."""

VOETNOTEN = (
    "Een feit telt in het kwartaal van zijn eigen datum: de aanmelding op de aanmeldingsdatum, de oproep op de "
    "datum van de uitnodiging, het plan op de datum van het plan, een no-show op de datum van de afspraak, een "
    "beëindiging op de einddatum, een plaatsing op de datum in dienst, een nazorgmaand in haar maand, een factuur "
    "op de factuurdatum, verantwoorde uren op de datum waarop ze gewerkt zijn en toegekende uren op de start van "
    "de periode.",
    "Oproep op tijd: de eerste uitnodiging binnen 14 dagen na de aanmelding. Plan op tijd: het eerste plan binnen "
    "20 werkdagen na de aanmelding (maandag–vrijdag zonder Nederlandse feestdagen).",
    "Actieve trajecten: aangemeld vóór of op de laatste dag van het kwartaal en op die dag niet beëindigd of omgezet.",
    "Uitstroom naar werk: beëindigingen met reden uitstroom naar werk, als deel van alle beëindigingen in het "
    "kwartaal; omzettingen naar een ander product tellen niet als beëindiging. De doelstelling komt uit het contract.",
    "Plaatsing binnen 3 maanden: de datum in dienst ligt uiterlijk drie maanden na de start van het traject "
    "(de intake, anders de aanmelding).",
    "Participatieladder: trajecten die in het kwartaal liepen en een trede hebben; starttrede uit het plan "
    "(anders de eerste voortgangsrapportage), laatste trede uit de laatste voortgangsrapportage tot en met het kwartaal.",
    "Bedragen excl. btw. Gefactureerd = goedgekeurd + afgewezen + nog te beoordelen; bij goedkeuring van het "
    "verwachte bedrag telt het verschil als afgewezen. Besluiten zoals ze bekend zijn bij het opstellen.",
    "Budgetgebruik: goedgekeurde bedragen van facturen met een factuurdatum in het jaar van het plafond, tot en "
    "met de laatste dag van het kwartaal.",
    "Te late berichten: oproep, uitnodiging (minder dan 5 werkdagen vóór het gesprek), plan, jobcoachaanvraag en "
    "urenverantwoording, in het kwartaal van het te late bericht; besluiten van de klantmanager na 5 werkdagen "
    "staan apart. Openstaand: termijnen die op de laatste dag van het kwartaal verstreken waren zonder bericht.",
    "Te late facturen: facturen met de bevinding TE_LAAT van de factuurcontrole; zonder factuurcontrole telt de "
    "termijnbewaking facturen waarvan een regel meer dan 14 dagen na het einde van de gefactureerde periode kwam.",
    "Jobcoachuren toegekend: na overheveling van uren uit het tweede naar het eerste jaar (Heemstede, beleidsregels "
    "2024 art. 11.2). De periode in het eerste jaar telt de overgehevelde uren mee; de periodes van het tweede jaar "
    "hebben er samen zoveel minder, eerst de vroegste.",
    "Loonwaardecategorieën (resultaatdoelen uit het contract): uitstroom naar werk telt de in het kwartaal beëindigde "
    "trajecten van de categorie. Werk of school, in begeleiding en handhaving tellen de trajecten van de categorie die "
    "in het jaar tot en met het kwartaal liepen (aangemeld, niet vóór 1 januari beëindigd, niet omgezet), elk naar "
    "zijn stand op de laatste dag van het kwartaal. Aan het werk of terug naar school: in het jaar beëindigd met reden "
    "uitstroom naar werk of terug naar school. Uitstroom door handhaving: in het jaar beëindigd met reden handhaving. "
    "In begeleiding naar werk of scholing: het traject loopt op de laatste dag van het kwartaal (niet beëindigd of "
    "omgezet) en de klantmanager keurde het plan goed. 'Van de overigen' deelt door de trajecten die niet naar werk of "
    "school gingen (gingen ze dat allemaal, dan is dat doel gehaald). Op traject: de trajecten van de categorie die op de laatste dag van het kwartaal lopen, tegen het "
    "aantal mensen in de categorie volgens het beleidsstuk. Plaatsingen per jaar: datum in dienst in het jaar tot en met "
    "het kwartaal; dat doel heet pas gehaald als het aantal bereikt is. Een percentage wordt onafgerond met het doel "
    "vergeleken.",
)
