/* Fuzzes Nygard / adr-tools ADRs (`# N. Title`, `Date:`, `## Status`, link lines). */
#define FUZZ_ADR_PATH "doc/adr/0003-use-postgresql.md"
#include "fuzz_adr.inc"
