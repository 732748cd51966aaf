/* Fuzzes MADR 2/3/4 ADRs (bullet metadata, YAML front matter, review fields). */
#define FUZZ_ADR_PATH "docs/decisions/0042-use-markdown-architectural-decision-records.md"
#include "fuzz_adr.inc"
