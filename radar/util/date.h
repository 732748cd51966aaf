#ifndef RADAR_DATE_H
#define RADAR_DATE_H
/* Calendar dates (proleptic Gregorian), as days since 1970-01-01. */

typedef struct date {
	int year, month, day;
} date;

/* Parses exactly YYYY-MM-DD and checks the day exists (2026-02-30 fails). */
int date_parse(const char *s, date *out);
int date_valid(int year, int month, int day);
int date_days_in_month(int year, int month);
long date_to_days(date d);
date date_from_days(long days);
/* Calendar months later, clamped to the month's end: Jan 31 + 1 = Feb 28/29. */
date date_add_months(date d, int months);
int date_cmp(date a, date b);
/* Today in UTC, or $RADAR_TODAY (YYYY-MM-DD) so that tests are repeatable. */
date date_today(void);
/* "2026-04-30"; buf needs 11 bytes. */
void date_format(date d, char buf[11]);

#endif
