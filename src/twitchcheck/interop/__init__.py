"""Pure converters between twitchcheck and the clinic's formats.

One module per standard, each with ``to_x`` and ``from_x`` where both directions make sense:

- ``fhir_r4``: the interview as a FHIR R4 Questionnaire, generated from ``kb/``.
- ``fhir_r4_response``: QuestionnaireResponse in and out.
- ``fhir_r4_bundle``: an assessment as a Bundle (RiskAssessment + one Observation per finding);
  Patient, Observation and Condition resources in.
- ``cds_hooks``: CDS Hooks 2.0 discovery, the ``patient-view`` request and its cards.
- ``phenopackets_v2``: GA4GH Phenopacket v2 in and out.
- ``hpo_mapping``: HPO terms that are not kb codes, mapped to the nearest kb finding through the
  HPO hierarchy (hpo3, imported on first use).

Shared pieces: ``terminology`` (code systems and codings), ``record`` (what a record contributes:
patient, evidence, and every code that could or could not be mapped), ``fhir_validation`` (checks a
resource against the fhir.resources R4B model and names the JSON path of a fault).

Nothing here does I/O: documents come in as parsed JSON, and the CDS Hooks FHIR-server fetch is
a function the caller passes in. fhir.resources, phenopackets/protobuf and hpo3 are imported only
in this package, inside the functions that need them.
"""
