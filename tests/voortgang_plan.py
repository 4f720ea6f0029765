"""A small plan for the workbook tests: %, euro and plain units, a maatregel with two
prestatie-indicatoren, one without, and plan text that looks like a formula."""

PLAN = """\
Plan
====

.. prioriteit:: Veilige wijken
   :id: PRIO_WIJK
   :rang: 1
   :kv: 1.1

.. doel:: Minder inbraken
   :id: DOEL_INBRAAK
   :hoort_bij: PRIO_WIJK

.. effectindicator:: Woninginbraken per 1.000 woningen
   :id: EI_INBRAAK
   :hoort_bij: DOEL_INBRAAK
   :bron: politieregistratie
   :soort: objectief
   :eenheid: per 1.000 woningen
   :nulmeting: 6,9 (2023)
   :streefwaarde: 5,5 (2029)
   :richting: dalen

.. actiepunt:: Preventie
   :id: AP_PREVENTIE
   :hoort_bij: PRIO_WIJK

.. maatregel:: =SUM(A1:A9) preventieavonden
   :id: MR_AVONDEN
   :hoort_bij: AP_PREVENTIE
   :bestuurlijk_trekker: +31 burgemeester
   :ambtelijk_trekker: @team OOV
   :partners: -Politie; Buurtpreventie
   :planning: 2026-Q1..2026-Q4
   :budget: € 12.500,50
   :status: lopend

.. prestatie-indicator:: Gehouden avonden
   :id: PI_AVONDEN
   :hoort_bij: MR_AVONDEN
   :streefwaarde: 8
   :eenheid: avonden

.. prestatie-indicator:: Bereikte huishoudens
   :id: PI_BEREIK
   :hoort_bij: MR_AVONDEN
   :streefwaarde: 40%
   :eenheid: %

.. maatregel:: Sloten voor huurwoningen
   :id: MR_SLOTEN
   :hoort_bij: AP_PREVENTIE
   :bestuurlijk_trekker: Wethouder Wonen
   :ambtelijk_trekker: Team Wonen
   :partners: Woningcorporatie
   :planning: 2026-Q2..2026-Q4
   :budget: € 40.000
   :status: gepland

.. prestatie-indicator:: Uitgegeven subsidie
   :id: PI_SUBSIDIE
   :hoort_bij: MR_SLOTEN
   :streefwaarde: 40.000
   :eenheid: euro

.. maatregel:: Overleg met de woningcorporatie
   :id: MR_OVERLEG
   :hoort_bij: AP_PREVENTIE
   :bestuurlijk_trekker: Wethouder Wonen
   :ambtelijk_trekker: Team Wonen
   :planning: 2026-Q1..2026-Q4
   :status: lopend
"""
