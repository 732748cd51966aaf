/* Fuzzes date parsing (YYYY-MM-DD) and the calendar arithmetic behind due dates. */
#include "fuzz.h"

#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), buf[11];
	date d, back;

	if (date_parse(s, &d) == 0) {
		if (!date_valid(d.year, d.month, d.day))
			abort();
		back = date_from_days(date_to_days(d));
		if (date_cmp(back, d))
			abort(); /* days since 1970 must round-trip */
		date_format(d, buf);
		if (strcmp(buf, s))
			abort(); /* only the canonical spelling parses */
		for (int m = -1200; m <= 1200; m += 37) {
			date later = date_add_months(d, m);
			if (later.year >= 1 && later.year <= 9999 &&
			    !date_valid(later.year, later.month, later.day))
				abort();
		}
	}
	free(s);
	return 0;
}
