#ifndef RADAR_FRAC_H
#define RADAR_FRAC_H
/*
 * Exact fractions. Scores are half-points, weights percentages and means
 * divide by rater counts, so every total is a small rational: comparing those
 * exactly is what keeps a total of 3.5 in trial (a double sum gives 3.4999...).
 */
#include <stdint.h>

#include "strbuf.h"

typedef struct frac {
	int64_t num;
	int64_t den; /* always > 0; num/den always reduced */
} frac;

frac frac_make(int64_t num, int64_t den);
frac frac_add(frac a, frac b);
frac frac_sub(frac a, frac b);
frac frac_mul(frac a, frac b);
frac frac_div_int(frac a, int64_t d);
int frac_cmp(frac a, frac b);
double frac_to_double(frac a);

/*
 * Parses a plain decimal ("3", "-2.5", "3.75") exactly. Returns 0, or -1 for
 * anything else (exponents, "nan", more than 6 decimals, overflow).
 */
int frac_parse_decimal(const char *s, frac *out);

/* "3.50": `decimals` places, rounded half away from zero. */
void frac_format_fixed(strbuf *sb, frac a, int decimals);
/* "7/2", or "4" for a whole number. */
void frac_format_exact(strbuf *sb, frac a);

#endif
