#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

int date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= date_days_in_month(year, month);
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, date *out)
{
	date d;
	if (digits(s, 4, &d.year) || s[4] != '-' || digits(s + 5, 2, &d.month) ||
	    s[7] != '-' || digits(s + 8, 2, &d.day) || s[10] != '\0')
		return -1;
	if (!date_valid(d.year, d.month, d.day))
		return -1;
	*out = d;
	return 0;
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

date date_from_days(long z)
{
	date d;
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

date date_add_months(date d, int months)
{
	long m = (long)d.year * 12 + (d.month - 1) + months;
	date r;
	/*
	 * Floor division: `radar due --as-of 0001-01-01` with after_months 120
	 * goes back before year 1, and C's truncating `/` and `%` gave month
	 * -107, an index before days[] (fuzz_date, tests/regress/fuzz_date/).
	 */
	long y = m >= 0 ? m / 12 : -((-m + 11) / 12);
	r.year = (int)y;
	r.month = (int)(m - y * 12) + 1;
	r.day = d.day;
	if (r.day > date_days_in_month(r.year, r.month))
		r.day = date_days_in_month(r.year, r.month);
	return r;
}

int date_cmp(date a, date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

date date_today(void)
{
	const char *env = getenv("RADAR_TODAY");
	date d;
	time_t now;
	struct tm tm;

	if (env && !date_parse(env, &d))
		return d;
	now = time(NULL);
	gmtime_r(&now, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}

void date_format(date d, char buf[11])
{
	unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 13, dd = (unsigned)d.day % 32;
	snprintf(buf, 11, "%04u-%02u-%02u", y, m, dd);
}
