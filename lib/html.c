/* HTML escaping and URL percent-encoding, in the spirit of cgit's html.c. */
#include <string.h>

#include "buf.h"
#include "html.h"

void
eco_html_escape(struct eco_buf *b, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&':  rep = "&amp;";  break;
		case '<':  rep = "&lt;";   break;
		case '>':  rep = "&gt;";   break;
		case '"':  rep = "&quot;"; break;
		case '\'': rep = "&#39;";  break;
		default:   continue;
		}
		eco_buf_append(b, s + start, i - start);
		eco_buf_puts(b, rep);
		start = i + 1;
	}
	eco_buf_append(b, s + start, n - start);
}

void
eco_html_escape_str(struct eco_buf *b, const char *s)
{
	eco_html_escape(b, s, strlen(s));
}

void
eco_url_encode(struct eco_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			eco_buf_putc(b, (char)c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			eco_buf_append(b, esc, 3);
		}
	}
}
