/* XML character data and dates (see xml.h). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "utf8.h"
#include "xml.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

/* May code point cp stand in an XML 1.0 document (its Char production)? */
static int
xml_char(unsigned long cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xfffe && cp != 0xffff;
}

void
eco_xml_escape(struct eco_buf *b, const char *s)
{
	size_t n, i = 0, len;
	unsigned long cp;

	if (s == NULL)
		return;
	n = strlen(s);
	while (i < n) {
		switch (s[i]) {
		case '&':  eco_buf_puts(b, "&amp;");  i++; continue;
		case '<':  eco_buf_puts(b, "&lt;");   i++; continue;
		case '>':  eco_buf_puts(b, "&gt;");   i++; continue;
		case '"':  eco_buf_puts(b, "&quot;"); i++; continue;
		case '\'': eco_buf_puts(b, "&#39;");  i++; continue;
		default:   break;
		}
		if ((len = eco_utf8_next(s + i, n - i, &cp)) == 0) {
			/* One byte at a time: the next may start a valid one. */
			eco_buf_puts(b, REPLACEMENT);
			i++;
		} else if (!xml_char(cp)) {
			eco_buf_puts(b, REPLACEMENT);
			i += len;
		} else {
			eco_buf_append(b, s + i, len);
			i += len;
		}
	}
}

/* The days the four digits of a year reach: 0000-01-01 and 9999-12-31. */
#define DAY_MIN		(-719528LL)
#define DAY_MAX		2932896LL

void
eco_xml_time(long long t, char *out)
{
	long long day, sec;
	int y, m, d;

	/* Far outside the range first, so the arithmetic cannot overflow. */
	if (t < DAY_MIN * 86400)
		t = DAY_MIN * 86400;
	else if (t > DAY_MAX * 86400 + 86399)
		t = DAY_MAX * 86400 + 86399;
	/* Floor division: an instant before 1970 lands on its own day. */
	day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	sec = t - day * 86400;
	eco_civil_from_days((long)day, &y, &m, &d);
	/* Every value is in range already; the modulos show the compiler
	 * that each fits its digits. */
	snprintf(out, ECO_XML_TIME_SIZE, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100,
	    (unsigned)(sec / 3600) % 100, (unsigned)(sec / 60 % 60) % 100,
	    (unsigned)(sec % 60) % 100);
}

void
eco_xml_element(struct eco_buf *b, const char *name, const char *text)
{
	eco_buf_printf(b, "<%s>", name);
	eco_xml_escape(b, text);
	eco_buf_printf(b, "</%s>\n", name);
}

void
eco_xml_time_element(struct eco_buf *b, const char *name, long long t)
{
	char when[ECO_XML_TIME_SIZE];

	eco_xml_time(t, when);
	eco_buf_printf(b, "<%s>%s</%s>\n", name, when, name);
}

void
eco_xml_link(struct eco_buf *b, const char *rel, const char *type,
    const char *href)
{
	eco_buf_printf(b, "<link rel=\"%s\" type=\"%s\" href=\"", rel, type);
	eco_xml_escape(b, href);
	eco_buf_puts(b, "\"/>\n");
}
