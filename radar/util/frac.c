#include "frac.h"

#include <ctype.h>
#include <stdlib.h>

static int64_t gcd64(int64_t a, int64_t b)
{
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a ? a : 1;
}

frac frac_make(int64_t num, int64_t den)
{
	frac f;
	int64_t g;

	if (den < 0) {
		num = -num;
		den = -den;
	}
	g = gcd64(num, den);
	f.num = num / g;
	f.den = den / g;
	return f;
}

frac frac_add(frac a, frac b)
{
	int64_t g = gcd64(a.den, b.den);
	return frac_make(a.num * (b.den / g) + b.num * (a.den / g),
			 a.den / g * b.den);
}

frac frac_sub(frac a, frac b)
{
	b.num = -b.num;
	return frac_add(a, b);
}

frac frac_mul(frac a, frac b)
{
	int64_t g1 = gcd64(a.num, b.den), g2 = gcd64(b.num, a.den);
	return frac_make((a.num / g1) * (b.num / g2), (a.den / g2) * (b.den / g1));
}

frac frac_div_int(frac a, int64_t d)
{
	return frac_mul(a, frac_make(1, d));
}

int frac_cmp(frac a, frac b)
{
	__int128 l = (__int128)a.num * b.den, r = (__int128)b.num * a.den;
	return l < r ? -1 : l > r;
}

double frac_to_double(frac a)
{
	return (double)a.num / (double)a.den;
}

int frac_parse_decimal(const char *s, frac *out)
{
	int64_t num = 0, den = 1;
	int neg = 0, digits = 0, decimals = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; isdigit((unsigned char)*s); s++, digits++) {
		if (num > (INT64_MAX - 9) / 10 / 1000000)
			return -1;
		num = num * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, decimals++) {
			/*
			 * The whole part may take 13 digits, and 6 more decimals
			 * overflowed ("9223372036859.999999": fuzz_score,
			 * tests/regress/fuzz_score/): refuse before multiplying.
			 */
			if (decimals == 6 || num > (INT64_MAX - 9) / 10)
				return -1;
			num = num * 10 + (*s - '0');
			den *= 10;
		}
		if (!decimals && !digits)
			return -1;
	}
	if (*s || (!digits && !decimals))
		return -1;
	*out = frac_make(neg ? -num : num, den);
	return 0;
}

void frac_format_fixed(strbuf *sb, frac a, int decimals)
{
	int64_t scale = 1, scaled, whole, part;
	int neg = a.num < 0;
	__int128 n = neg ? -(__int128)a.num : a.num;

	for (int i = 0; i < decimals; i++)
		scale *= 10;
	/* round half away from zero: floor((2*n*scale + den) / (2*den)) */
	scaled = (int64_t)((2 * n * scale + a.den) / (2 * (__int128)a.den));
	whole = scaled / scale;
	part = scaled % scale;
	if (neg && scaled)
		strbuf_putc(sb, '-');
	if (decimals)
		strbuf_printf(sb, "%lld.%0*lld", (long long)whole, decimals,
			      (long long)part);
	else
		strbuf_printf(sb, "%lld", (long long)whole);
}

void frac_format_exact(strbuf *sb, frac a)
{
	if (a.den == 1)
		strbuf_printf(sb, "%lld", (long long)a.num);
	else
		strbuf_printf(sb, "%lld/%lld", (long long)a.num, (long long)a.den);
}
