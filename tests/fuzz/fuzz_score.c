/* Fuzzes score and decimal parsing (frac_parse_decimal) and the exact
 * arithmetic and formatting every total goes through. */
#include "fuzz.h"

#include "util/frac.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	frac f;

	if (frac_parse_decimal(s, &f) == 0) {
		strbuf sb = STRBUF_INIT;
		if (f.den <= 0)
			abort();
		frac_format_fixed(&sb, f, 2);
		frac_format_exact(&sb, f);
		/* What a score goes through: in steps of 0.5, weighted, averaged. */
		if ((f.den == 1 || f.den == 2) && f.num > -100 && f.num < 100) {
			frac w = frac_mul(f, frac_make(30, 100));
			w = frac_add(w, frac_div_int(f, 3));
			frac_format_fixed(&sb, w, 2);
			frac_cmp(w, frac_make(7, 2));
		}
		strbuf_free(&sb);
	}
	free(s);
	return 0;
}
