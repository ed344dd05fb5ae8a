/*
 * The template engine: the small Mustache dialect described in template.h.
 *
 * Each template is compiled once, at start, into a tree of nodes (text,
 * values, blocks, helpers, partials); dotted names are split into parts at
 * that moment.  Rendering walks the tree and writes into an eco_buf: it
 * never parses and never calls malloc, because it runs for every page.
 * Compiled templates live as long as the process and use plain malloc;
 * eco_templates_free releases all of it.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "template.h"

#define TEMPLATE_MAX	(1024 * 1024)	/* bytes in one template */
#define MAX_NESTING	32	/* open blocks in one template */
#define MAX_SCOPES	16	/* scope stack while rendering */
#define MAX_PARTIALS	8	/* partials inside partials */
#define MAX_SEGMENTS	16	/* parts of a dotted name */
#define MAX_DIR_DEPTH	16	/* folders below the template directory */
#define MAX_TOKENS	6	/* words and strings in one tag */

enum node_kind {
	N_TEXT,		/* text as written */
	N_VALUE,	/* {{name}}, escaped */
	N_RAW,		/* {{{name}}} */
	N_IF,
	N_UNLESS,
	N_EACH,
	N_PARTIAL,	/* {{> name}} */
	N_T,		/* {{t "msgid" ctx="..."}} */
	N_TN,		/* {{tn "singular" "plural" name}} */
	N_DATE,		/* {{date name}} */
	N_YIELD
};

/* What a name in a tag refers to. */
enum path_kind {
	P_NAME,		/* a.b.c, looked up in the scopes */
	P_THIS,		/* . or this: the innermost scope */
	P_INDEX,	/* @index */
	P_NUMBER,	/* @number */
	P_FIRST,	/* @first */
	P_LAST		/* @last */
};

struct path {
	enum path_kind	 kind;
	int		 local;	/* "this.a": the innermost scope only */
	size_t		 nseg;
	char		**seg;	/* one allocation: the pointers, then the bytes */
};

/*
 * One flat node type rather than a union: templates are small and the
 * code that builds and walks the tree stays obvious.
 */
struct node {
	enum node_kind	 kind;
	int		 line;
	struct node	*next;
	const char	*text;	/* N_TEXT: points into the template's source */
	size_t		 len;
	struct path	 path;	/* values, blocks, tn, date */
	struct node	*body;	/* blocks */
	struct node	*alt;	/* blocks: the {{else}} part */
	char		*s1;	/* t: msgid; tn: singular; partial: name */
	char		*s2;	/* t: context or NULL; tn: plural */
	uint32_t	 hash;	/* partial: hash of s1 */
	struct kept_t	*kept;	/* t: its translations as rendered */
};

/* A {{t}} translated and escaped, per hooks' kept_lang (NULL: not yet). */
struct kept_t {
	char		*html[ECO_TEMPLATE_KEPT_LANGS];
	size_t		 len[ECO_TEMPLATE_KEPT_LANGS];
};

struct tpl {
	char		*name;
	char		*label;	/* file name for messages */
	char		*src;	/* the source text; text nodes point into it */
	struct node	*root;
	uint32_t	 hash;
};

/* An open-addressing hash table of templates, keyed by name. */
struct eco_templates {
	struct tpl	**slot;
	size_t		 nslot;	/* zero or a power of two */
	size_t		 count;
};

/* --- small helpers ------------------------------------------------------ */

static char *
xstrndup(const char *s, size_t n)
{
	char *p = eco_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* FNV-1a: short names, few templates; good enough and branch-free. */
static uint32_t
hash_name(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static void seterr(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* --- freeing ------------------------------------------------------------ */

static void
nodes_free(struct node *n)
{
	struct node *next;
	size_t i;

	for (; n != NULL; n = next) {
		next = n->next;
		nodes_free(n->body);	/* depth bounded by MAX_NESTING */
		nodes_free(n->alt);
		free(n->path.seg);
		free(n->s1);
		free(n->s2);
		if (n->kept != NULL)
			for (i = 0; i < ECO_TEMPLATE_KEPT_LANGS; i++)
				free(n->kept->html[i]);
		free(n->kept);
		free(n);
	}
}

static void
tpl_free(struct tpl *t)
{
	if (t == NULL)
		return;
	nodes_free(t->root);
	free(t->name);
	free(t->label);
	free(t->src);
	free(t);
}

/* --- the compiler ------------------------------------------------------- */

enum tok_kind {
	T_WORD,		/* name, keyword, partial name */
	T_STRING,	/* "text" (v, vlen: the body, escapes still in) */
	T_PAIR		/* key="text" (s, len: key; v, vlen: the body) */
};

struct tok {
	enum tok_kind	 kind;
	const char	*s;
	size_t		 len;
	const char	*v;
	size_t		 vlen;
};

struct tag {
	int		 line;	/* where "{{" is */
	int		 raw;	/* {{{ }}} */
	char		 sigil;	/* '#', '/', '>' or 0 */
	int		 ntok;
	struct tok	 tok[MAX_TOKENS];
};

struct open_block {
	struct node	*node;
	int		 in_else;
};

struct compiler {
	const char	*p;	/* next byte to read */
	const char	*end;
	int		 line;
	const char	*label;
	char		*err;
	size_t		 errlen;
	struct node	*root;
	struct node	**tail;	/* where the next node is linked */
	struct open_block stack[MAX_NESTING];
	int		 depth;
};

static int fail(struct compiler *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes "label:line: message" and returns -1. */
static int
fail(struct compiler *c, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	seterr(c->err, c->errlen, "%s:%d: %s", c->label, line, msg);
	return -1;
}

static int
count_lines(const char *s, const char *end)
{
	int n = 0;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

static void
skip_space(struct compiler *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' ||
	    *c->p == '\r' || *c->p == '\n')) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
}

static int
starts(const struct compiler *c, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

static int
is_alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9');
}

/* Bytes a bare word in a tag may hold; names are checked further later. */
static int
is_word(char ch)
{
	return is_alnum(ch) || ch == '_' || ch == '-' || ch == '.' ||
	    ch == '@' || ch == '/';
}

static int
word_is(const struct tok *t, const char *s)
{
	return t->kind == T_WORD && strlen(s) == t->len &&
	    memcmp(t->s, s, t->len) == 0;
}

/* Reads a "..." literal; c->p is on the opening quote. */
static int
lex_string(struct compiler *c, const char **body, size_t *len)
{
	int line = c->line;
	const char *start = ++c->p;

	while (c->p < c->end && *c->p != '"') {
		if (*c->p == '\\') {
			if (c->p + 1 >= c->end)
				break;
			if (c->p[1] != '"' && c->p[1] != '\\')
				return fail(c, c->line,
				    "unknown escape in string literal "
				    "(only \\\" and \\\\)");
			c->p++;
		}
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end || *c->p != '"')
		return fail(c, line, "unterminated string literal");
	*body = start;
	*len = (size_t)(c->p - start);
	c->p++;
	return 0;
}

/*
 * Reads the inside of a tag, after "{{" or "{{{", up to and including the
 * closing braces.  String literals may contain braces, so the end is found
 * by reading tokens rather than by searching for "}}".
 */
static int
lex_tag(struct compiler *c, struct tag *t)
{
	const char *close = t->raw ? "}}}" : "}}";
	struct tok *tk;

	skip_space(c);
	if (!t->raw && c->p < c->end &&
	    (*c->p == '#' || *c->p == '/' || *c->p == '>')) {
		t->sigil = *c->p++;
	}
	for (;;) {
		skip_space(c);
		if (c->p >= c->end)
			return fail(c, t->line, "unterminated tag (no '%s')",
			    close);
		if (starts(c, close)) {
			c->p += strlen(close);
			return 0;
		}
		if (t->raw && starts(c, "}}"))
			return fail(c, c->line, "'{{{' closed by '}}', not '}}}'");
		if (t->ntok == MAX_TOKENS)
			return fail(c, c->line, "too many arguments in tag");
		tk = &t->tok[t->ntok++];
		memset(tk, 0, sizeof(*tk));
		if (*c->p == '"') {
			tk->kind = T_STRING;
			if (lex_string(c, &tk->v, &tk->vlen) == -1)
				return -1;
			continue;
		}
		if (!is_word(*c->p)) {
			if (*c->p > ' ' && *c->p < 0x7f)
				return fail(c, c->line,
				    "unexpected '%c' in tag", *c->p);
			return fail(c, c->line, "unexpected byte in tag");
		}
		tk->kind = T_WORD;
		tk->s = c->p;
		while (c->p < c->end && is_word(*c->p))
			c->p++;
		tk->len = (size_t)(c->p - tk->s);
		if (c->p < c->end && *c->p == '=') {
			c->p++;
			if (c->p >= c->end || *c->p != '"')
				return fail(c, c->line,
				    "expected a string literal after '='");
			tk->kind = T_PAIR;
			if (lex_string(c, &tk->v, &tk->vlen) == -1)
				return -1;
		}
	}
}

/* The body of a string literal without its backslashes, in malloc memory. */
static char *
unquote(const char *s, size_t n)
{
	char *out = eco_xmalloc(n + 1), *q = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		*q++ = s[i];
	}
	*q = '\0';
	return out;
}

/*
 * Splits a dotted name into its parts at compile time, so rendering only
 * looks keys up.  "." and "this" are the innermost scope; "this.a" looks
 * only there; @index and friends belong to the innermost #each.
 */
static int
parse_path(struct compiler *c, int line, const struct tok *t,
    struct path *p)
{
	static const struct {
		const char	*name;
		enum path_kind	 kind;
	} vars[] = {
		{ "@index", P_INDEX }, { "@number", P_NUMBER },
		{ "@first", P_FIRST }, { "@last", P_LAST },
	};
	const char *s, *end;
	size_t i, n, nseg;
	char *bytes;

	memset(p, 0, sizeof(*p));
	if (t->kind != T_WORD)
		return fail(c, line, "expected a name");
	s = t->s;
	end = t->s + t->len;
	if (word_is(t, ".") || word_is(t, "this")) {
		p->kind = P_THIS;
		return 0;
	}
	if (t->s[0] == '@') {
		for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
			if (word_is(t, vars[i].name)) {
				p->kind = vars[i].kind;
				return 0;
			}
		}
		return fail(c, line, "unknown variable '%.*s'", (int)t->len,
		    t->s);
	}
	if (t->len > 5 && memcmp(s, "this.", 5) == 0) {
		p->local = 1;
		s += 5;
	}
	/* Parts are [A-Za-z0-9_-]+ joined by single dots. */
	n = (size_t)(end - s);
	nseg = 1;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (i == 0 || i + 1 == n || s[i + 1] == '.')
				break;
			nseg++;
		} else if (!is_alnum(s[i]) && s[i] != '_' && s[i] != '-')
			break;
	}
	if (i < n)
		return fail(c, line, "invalid name '%.*s'", (int)t->len, t->s);
	if (nseg > MAX_SEGMENTS)
		return fail(c, line, "name '%.*s' has too many parts",
		    (int)t->len, t->s);
	p->kind = P_NAME;
	p->nseg = nseg;
	p->seg = eco_xmalloc(nseg * sizeof(char *) + n + 1);
	bytes = (char *)(p->seg + nseg);
	memcpy(bytes, s, n);
	bytes[n] = '\0';
	p->seg[0] = bytes;
	for (i = 0, nseg = 1; i < n; i++) {
		if (bytes[i] == '.') {
			bytes[i] = '\0';
			p->seg[nseg++] = bytes + i + 1;
		}
	}
	return 0;
}

static struct node *
add_node(struct compiler *c, enum node_kind kind, int line)
{
	struct node *n = eco_xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = line;
	*c->tail = n;
	c->tail = &n->next;
	return n;
}

static const char *
block_name(enum node_kind kind)
{
	switch (kind) {
	case N_IF:
		return "if";
	case N_UNLESS:
		return "unless";
	default:
		return "each";
	}
}

static int
compile_open(struct compiler *c, const struct tag *t)
{
	enum node_kind kind;
	struct path path;
	struct node *n;

	if (t->ntok == 0)
		return fail(c, t->line, "empty name");
	if (word_is(&t->tok[0], "if"))
		kind = N_IF;
	else if (word_is(&t->tok[0], "unless"))
		kind = N_UNLESS;
	else if (word_is(&t->tok[0], "each"))
		kind = N_EACH;
	else if (t->tok[0].kind == T_WORD)
		return fail(c, t->line, "unknown block '#%.*s'",
		    (int)t->tok[0].len, t->tok[0].s);
	else
		return fail(c, t->line, "expected a block name after '#'");
	if (t->ntok == 1)
		return fail(c, t->line, "empty name in {{#%s}}",
		    block_name(kind));
	if (t->ntok > 2)
		return fail(c, t->line, "{{#%s}} takes one name",
		    block_name(kind));
	if (c->depth == MAX_NESTING)
		return fail(c, t->line, "blocks nested more than %d deep",
		    MAX_NESTING);
	if (parse_path(c, t->line, &t->tok[1], &path) == -1)
		return -1;
	n = add_node(c, kind, t->line);
	n->path = path;
	c->stack[c->depth].node = n;
	c->stack[c->depth].in_else = 0;
	c->depth++;
	c->tail = &n->body;
	return 0;
}

static int
compile_close(struct compiler *c, const struct tag *t)
{
	const struct tok *name = &t->tok[0];
	struct node *open;

	if (t->ntok != 1 || name->kind != T_WORD)
		return fail(c, t->line, "'{{/' takes one block name");
	if (c->depth == 0)
		return fail(c, t->line, "{{/%.*s}} without an open block",
		    (int)name->len, name->s);
	open = c->stack[c->depth - 1].node;
	if (!word_is(name, block_name(open->kind)))
		return fail(c, t->line,
		    "{{/%.*s}} does not close {{#%s}} of line %d",
		    (int)name->len, name->s, block_name(open->kind),
		    open->line);
	c->depth--;
	c->tail = &open->next;
	return 0;
}

static int
compile_else(struct compiler *c, const struct tag *t)
{
	struct open_block *b;

	if (t->ntok != 1)
		return fail(c, t->line, "{{else}} takes no arguments");
	if (c->depth == 0)
		return fail(c, t->line, "{{else}} outside a block");
	b = &c->stack[c->depth - 1];
	if (b->in_else)
		return fail(c, t->line, "second {{else}} in {{#%s}} of line %d",
		    block_name(b->node->kind), b->node->line);
	b->in_else = 1;
	c->tail = &b->node->alt;
	return 0;
}

/* Partial names are relative template names: "partials/header". */
static int
partial_name_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '/' || s[n - 1] == '/')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '@')
			return 0;
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '/')
			return 0;
		if (s[i] == '.' && i + 1 < n && s[i + 1] == '.')
			return 0;
	}
	return 1;
}

static int
compile_partial(struct compiler *c, const struct tag *t)
{
	const struct tok *name = &t->tok[0];
	struct node *n;

	if (t->ntok == 0)
		return fail(c, t->line, "empty name");
	if (t->ntok > 1 || name->kind != T_WORD)
		return fail(c, t->line, "'{{>' takes one template name");
	if (!partial_name_valid(name->s, name->len))
		return fail(c, t->line, "invalid partial name '%.*s'",
		    (int)name->len, name->s);
	n = add_node(c, N_PARTIAL, t->line);
	n->s1 = xstrndup(name->s, name->len);
	n->hash = hash_name(n->s1);
	return 0;
}

/* {{t "msgid"}} or {{t "msgid" ctx="context"}} */
static int
compile_t(struct compiler *c, const struct tag *t)
{
	const struct tok *ctx = t->ntok == 3 ? &t->tok[2] : NULL;
	struct node *n;

	if (t->ntok < 2 || t->tok[1].kind != T_STRING)
		return fail(c, t->line, "{{t}} needs a string literal");
	if (t->ntok > 3)
		return fail(c, t->line, "too many arguments to {{t}}");
	if (ctx != NULL && (ctx->kind != T_PAIR || ctx->len != 3 ||
	    memcmp(ctx->s, "ctx", 3) != 0))
		return fail(c, t->line, "{{t}} takes only ctx=\"...\" "
		    "after the string");
	n = add_node(c, N_T, t->line);
	n->kept = eco_xcalloc(1, sizeof(*n->kept));
	n->s1 = unquote(t->tok[1].v, t->tok[1].vlen);
	if (ctx != NULL)
		n->s2 = unquote(ctx->v, ctx->vlen);
	return 0;
}

/* {{tn "singular" "plural" name}} */
static int
compile_tn(struct compiler *c, const struct tag *t)
{
	struct path path;
	struct node *n;

	if (t->ntok != 4 || t->tok[1].kind != T_STRING ||
	    t->tok[2].kind != T_STRING)
		return fail(c, t->line,
		    "{{tn}} needs two string literals and a name");
	if (parse_path(c, t->line, &t->tok[3], &path) == -1)
		return -1;
	n = add_node(c, N_TN, t->line);
	n->path = path;
	n->s1 = unquote(t->tok[1].v, t->tok[1].vlen);
	n->s2 = unquote(t->tok[2].v, t->tok[2].vlen);
	return 0;
}

static int
compile_value(struct compiler *c, const struct tag *t, enum node_kind kind)
{
	struct path path;
	struct node *n;

	if (parse_path(c, t->line, &t->tok[t->ntok - 1], &path) == -1)
		return -1;
	n = add_node(c, kind, t->line);
	n->path = path;
	return 0;
}

/* A tag without a sigil: a value, else, yield or a helper call. */
static int
compile_plain(struct compiler *c, const struct tag *t)
{
	const struct tok *w = &t->tok[0];

	if (t->ntok == 0)
		return fail(c, t->line, "empty name");
	if (w->kind != T_WORD)
		return fail(c, t->line, "a tag must start with a name");
	if (word_is(w, "else"))
		return compile_else(c, t);
	if (word_is(w, "t"))
		return compile_t(c, t);
	if (word_is(w, "tn"))
		return compile_tn(c, t);
	if (word_is(w, "date")) {
		if (t->ntok != 2)
			return fail(c, t->line, "{{date}} takes one name");
		return compile_value(c, t, N_DATE);
	}
	if (word_is(w, "yield")) {
		if (t->ntok != 1)
			return fail(c, t->line, "{{yield}} takes no arguments");
		add_node(c, N_YIELD, t->line);
		return 0;
	}
	if (t->ntok > 1)
		return fail(c, t->line, "unknown helper '%.*s'", (int)w->len,
		    w->s);
	return compile_value(c, t, N_VALUE);
}

/* {{! ... }} or {{!-- ... --}}, which may itself contain "}}". */
static int
skip_comment(struct compiler *c, int line)
{
	const char *close = starts(c, "!--") ? "--}}" : "}}";

	c->p++;
	while (c->p < c->end && !starts(c, close)) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end)
		return fail(c, line, "unterminated comment");
	c->p += strlen(close);
	return 0;
}

/* c->p is on "{{". */
static int
compile_tag(struct compiler *c)
{
	struct tag t;

	memset(&t, 0, sizeof(t));
	t.line = c->line;
	c->p += 2;
	if (c->p < c->end && *c->p == '!')
		return skip_comment(c, t.line);
	if (c->p < c->end && *c->p == '{') {
		t.raw = 1;
		c->p++;
	}
	if (lex_tag(c, &t) == -1)
		return -1;
	if (t.raw) {
		if (t.ntok == 0)
			return fail(c, t.line, "empty name");
		if (t.ntok > 1)
			return fail(c, t.line, "{{{ }}} takes one name");
		return compile_value(c, &t, N_RAW);
	}
	switch (t.sigil) {
	case '#':
		return compile_open(c, &t);
	case '/':
		return compile_close(c, &t);
	case '>':
		return compile_partial(c, &t);
	default:
		return compile_plain(c, &t);
	}
}

static const char *
find_open(const char *p, const char *end)
{
	while ((p = memchr(p, '{', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] == '{')
			return p;
		p++;
	}
	return NULL;
}

/* Compiles src[0..len) into c->root; on error frees what was built. */
static int
compile(struct compiler *c, const char *src, size_t len)
{
	const char *open;
	struct node *n;

	c->p = src;
	c->end = src + len;
	c->line = 1;
	c->root = NULL;
	c->tail = &c->root;
	c->depth = 0;
	while (c->p < c->end) {
		open = find_open(c->p, c->end);
		if (open == NULL)
			open = c->end;
		if (open > c->p) {
			n = add_node(c, N_TEXT, c->line);
			n->text = c->p;
			n->len = (size_t)(open - c->p);
			c->line += count_lines(c->p, open);
			c->p = open;
		}
		if (c->p < c->end && compile_tag(c) == -1)
			goto bad;
	}
	if (c->depth > 0) {
		n = c->stack[c->depth - 1].node;
		fail(c, n->line, "{{#%s}} is never closed (no {{/%s}})",
		    block_name(n->kind), block_name(n->kind));
		goto bad;
	}
	return 0;
bad:
	nodes_free(c->root);
	c->root = NULL;
	return -1;
}

/* --- the set of templates ----------------------------------------------- */

/* The slot of name, or SIZE_MAX. */
static size_t
find_slot(const struct eco_templates *set, const char *name, uint32_t hash)
{
	size_t i, mask;

	if (set == NULL || set->nslot == 0)
		return SIZE_MAX;
	mask = set->nslot - 1;
	for (i = hash & mask; set->slot[i] != NULL; i = (i + 1) & mask)
		if (set->slot[i]->hash == hash &&
		    strcmp(set->slot[i]->name, name) == 0)
			return i;
	return SIZE_MAX;
}

static struct tpl *
find(const struct eco_templates *set, const char *name, uint32_t hash)
{
	size_t i = find_slot(set, name, hash);

	return i == SIZE_MAX ? NULL : set->slot[i];
}

static void
place(struct tpl **slot, size_t nslot, struct tpl *t)
{
	size_t i, mask = nslot - 1;

	for (i = t->hash & mask; slot[i] != NULL; i = (i + 1) & mask)
		continue;
	slot[i] = t;
}

/* Adds t, or replaces the template of the same name. */
static void
insert(struct eco_templates *set, struct tpl *t)
{
	struct tpl **slot;
	size_t i, nslot, mask;

	if (set->nslot > 0) {
		mask = set->nslot - 1;
		for (i = t->hash & mask; set->slot[i] != NULL;
		    i = (i + 1) & mask) {
			if (set->slot[i]->hash == t->hash &&
			    strcmp(set->slot[i]->name, t->name) == 0) {
				tpl_free(set->slot[i]);
				set->slot[i] = t;
				return;
			}
		}
	}
	/* Keep the table at most half full so probes stay short. */
	if ((set->count + 1) * 2 > set->nslot) {
		nslot = set->nslot == 0 ? 16 : set->nslot * 2;
		slot = eco_xcalloc(nslot, sizeof(*slot));
		for (i = 0; i < set->nslot; i++)
			if (set->slot[i] != NULL)
				place(slot, nslot, set->slot[i]);
		free(set->slot);
		set->slot = slot;
		set->nslot = nslot;
	}
	place(set->slot, set->nslot, t);
	set->count++;
}

/* Compiles src (malloc memory, NUL-terminated; taken over) as name. */
static int
add_source(struct eco_templates *set, const char *name, const char *label,
    char *src, size_t len, char *err, size_t errlen)
{
	struct compiler c;
	struct tpl *t;

	if (len > TEMPLATE_MAX) {
		seterr(err, errlen, "%s:1: template larger than 1 MiB", label);
		free(src);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.label = label;
	c.err = err;
	c.errlen = errlen;
	if (compile(&c, src, len) == -1) {
		free(src);
		return -1;
	}
	t = eco_xcalloc(1, sizeof(*t));
	t->name = xstrndup(name, strlen(name));
	t->label = xstrndup(label, strlen(label));
	t->src = src;
	t->root = c.root;
	t->hash = hash_name(name);
	insert(set, t);
	return 0;
}

struct eco_templates *
eco_templates_new(void)
{
	return eco_xcalloc(1, sizeof(struct eco_templates));
}

void
eco_templates_free(struct eco_templates *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nslot; i++)
		tpl_free(set->slot[i]);
	free(set->slot);
	free(set);
}

int
eco_templates_add(struct eco_templates *set, const char *name,
    const char *text, char *err, size_t errlen)
{
	size_t len;

	if (set == NULL || name == NULL || *name == '\0' || text == NULL) {
		seterr(err, errlen, "eco_templates_add: missing argument");
		return -1;
	}
	len = strlen(text);
	if (len > TEMPLATE_MAX) {
		seterr(err, errlen, "%s:1: template larger than 1 MiB", name);
		return -1;
	}
	return add_source(set, name, name, xstrndup(text, len), len, err,
	    errlen);
}

int
eco_templates_has(const struct eco_templates *set, const char *name)
{
	return name != NULL && find(set, name, hash_name(name)) != NULL;
}

/*
 * Checking partials is a depth-first walk over the graph of templates:
 * every partial must exist, no template may reach itself again (that would
 * only render up to the depth limit), and no chain may be deeper than the
 * renderer follows, which would cut a page short without a word.
 */
struct check {
	const struct eco_templates *set;
	unsigned char	*state;	/* per slot: 0 unseen, 1 on the path, 2 done */
	int		*height;	/* per slot: partial levels below it */
	char		*err;
	size_t		 errlen;
};

static int check_tpl(struct check *, size_t, int);

static int
check_nodes(struct check *k, const struct tpl *t, const struct node *n,
    int depth, int *height)
{
	size_t j;

	for (; n != NULL; n = n->next) {
		if (n->kind == N_PARTIAL) {
			j = find_slot(k->set, n->s1, n->hash);
			if (j == SIZE_MAX) {
				seterr(k->err, k->errlen, "%s:%d: partial '%s' "
				    "does not exist", t->label, n->line, n->s1);
				return -1;
			}
			if (k->state[j] == 1) {
				seterr(k->err, k->errlen, "%s:%d: partial '%s' "
				    "includes itself%s", t->label, n->line,
				    n->s1, k->set->slot[j] == t ? "" :
				    " through other partials");
				return -1;
			}
			if (depth >= MAX_PARTIALS) {
				seterr(k->err, k->errlen, "%s:%d: partials "
				    "nested more than %d deep", t->label,
				    n->line, MAX_PARTIALS);
				return -1;
			}
			if (k->state[j] == 0 &&
			    check_tpl(k, j, depth + 1) == -1)
				return -1;
			if (k->height[j] + 1 > *height)
				*height = k->height[j] + 1;
			if (depth + *height > MAX_PARTIALS) {
				seterr(k->err, k->errlen, "%s:%d: partials "
				    "nested more than %d deep", t->label,
				    n->line, MAX_PARTIALS);
				return -1;
			}
		}
		if (check_nodes(k, t, n->body, depth, height) == -1 ||
		    check_nodes(k, t, n->alt, depth, height) == -1)
			return -1;
	}
	return 0;
}

/* depth: partial levels above this template on the current path. */
static int
check_tpl(struct check *k, size_t i, int depth)
{
	int height = 0;

	k->state[i] = 1;
	if (check_nodes(k, k->set->slot[i], k->set->slot[i]->root, depth,
	    &height) == -1)
		return -1;
	k->state[i] = 2;
	k->height[i] = height;
	return 0;
}

int
eco_templates_check(const struct eco_templates *set, char *err,
    size_t errlen)
{
	struct check k;
	size_t i;
	int rc = 0;

	if (set == NULL || set->nslot == 0)
		return 0;
	k.set = set;
	k.state = eco_xcalloc(set->nslot, 1);
	k.height = eco_xcalloc(set->nslot, sizeof(int));
	k.err = err;
	k.errlen = errlen;
	for (i = 0; i < set->nslot && rc == 0; i++)
		if (set->slot[i] != NULL && k.state[i] == 0)
			rc = check_tpl(&k, i, 0);
	free(k.state);
	free(k.height);
	return rc;
}

/* --- loading a directory ------------------------------------------------ */

/* Reads and compiles one file; name is its path below the directory. */
static int
load_file(struct eco_templates *set, const char *path, const char *name,
    char *err, size_t errlen)
{
	struct stat st;
	FILE *f;
	char *src, *nul;
	size_t len;

	if ((f = fopen(path, "rb")) == NULL) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == -1 || st.st_size < 0) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	if (st.st_size > TEMPLATE_MAX) {
		seterr(err, errlen, "%s:1: template larger than 1 MiB", path);
		fclose(f);
		return -1;
	}
	src = eco_xmalloc((size_t)st.st_size + 1);
	len = fread(src, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		seterr(err, errlen, "%s: read error", path);
		fclose(f);
		free(src);
		return -1;
	}
	fclose(f);
	src[len] = '\0';
	/* Helpers and messages work on C strings; a NUL is never intended. */
	if ((nul = memchr(src, '\0', len)) != NULL) {
		seterr(err, errlen, "%s:%d: NUL byte in template", path,
		    1 + count_lines(src, nul));
		free(src);
		return -1;
	}
	return add_source(set, name, path, src, len, err, errlen);
}

/*
 * Loads the *.html files of the folder path[0..len), recursing into
 * subfolders; path is one PATH_MAX buffer extended and cut back in place.
 * rootlen is the length of the top folder, so path + rootlen + 1 is the
 * relative name.  Dotfiles and dot-folders are skipped.
 */
static int
load_dir(struct eco_templates *set, char *path, size_t len, size_t rootlen,
    int depth, char *err, size_t errlen)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	size_t n;
	int rc = 0;

	if (depth > MAX_DIR_DEPTH) {
		seterr(err, errlen, "%s: folders nested too deeply", path);
		return -1;
	}
	if ((d = opendir(path)) == NULL) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		n = strlen(de->d_name);
		if (len + 1 + n >= PATH_MAX) {
			seterr(err, errlen, "%s/%s: path too long", path,
			    de->d_name);
			rc = -1;
			break;
		}
		path[len] = '/';
		memcpy(path + len + 1, de->d_name, n + 1);
		if (stat(path, &st) == -1) {
			seterr(err, errlen, "%s: %s", path, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = load_dir(set, path, len + 1 + n, rootlen,
			    depth + 1, err, errlen);
		} else if (S_ISREG(st.st_mode) && n > 5 &&
		    strcmp(de->d_name + n - 5, ".html") == 0) {
			char name[PATH_MAX];
			size_t namelen = len + 1 + n - rootlen - 1 - 5;

			memcpy(name, path + rootlen + 1, namelen);
			name[namelen] = '\0';
			rc = load_file(set, path, name, err, errlen);
		}
		path[len] = '\0';
	}
	closedir(d);
	return rc;
}

struct eco_templates *
eco_templates_load(const char *dir, char *err, size_t errlen)
{
	struct eco_templates *set;
	char path[PATH_MAX];
	size_t len;

	if (dir == NULL || (len = strlen(dir)) == 0 || len >= PATH_MAX) {
		seterr(err, errlen, "template directory missing or too long");
		return NULL;
	}
	memcpy(path, dir, len + 1);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	set = eco_templates_new();
	if (load_dir(set, path, len, len, 0, err, errlen) == -1 ||
	    eco_templates_check(set, err, errlen) == -1) {
		eco_templates_free(set);
		return NULL;
	}
	return set;
}

/* --- rendering ---------------------------------------------------------- */

/* One scope: the data object, or an element of an #each. */
struct frame {
	json_t	*val;
	size_t	 index;
	size_t	 count;
	int	 each;
};

struct render {
	const struct eco_templates *set;
	const struct eco_template_hooks *hooks;
	const char	*yield;
	struct eco_buf	*out;
	const struct tpl *root;	/* the template asked for */
	struct frame	 frame[MAX_SCOPES];
	int		 nframe;
	const struct tpl *active[MAX_PARTIALS];	/* partials being rendered */
	int		 partials;
};

/*
 * What a name resolves to: a JSON value (possibly NULL for missing), or one
 * of the loop variables, which have no JSON value of their own.
 */
enum val_kind { V_JSON, V_INT, V_BOOL };

struct val {
	enum val_kind	 kind;
	json_t		*json;
	long long	 num;
};

/* A key of an object, or a decimal index into an array ("items.0"). */
static json_t *
child(json_t *v, const char *key)
{
	size_t i = 0, n;

	if (json_is_object(v))
		return json_object_get(v, key);
	if (!json_is_array(v))
		return NULL;
	for (n = 0; key[n] >= '0' && key[n] <= '9'; n++) {
		if (n == 9)
			return NULL;
		i = i * 10 + (size_t)(key[n] - '0');
	}
	return n > 0 && key[n] == '\0' ? json_array_get(v, i) : NULL;
}

static struct val
lookup(const struct render *r, const struct path *p)
{
	const struct frame *top = r->nframe > 0 ? &r->frame[r->nframe - 1] :
	    NULL;
	struct val v = { V_JSON, NULL, 0 };
	json_t *j;
	size_t k;
	int i;

	if (p->kind != P_NAME && p->kind != P_THIS) {
		if (top == NULL || !top->each)
			return v;
		v.kind = p->kind == P_INDEX || p->kind == P_NUMBER ? V_INT :
		    V_BOOL;
		if (p->kind == P_INDEX)
			v.num = (long long)top->index;
		else if (p->kind == P_NUMBER)
			v.num = (long long)top->index + 1;
		else if (p->kind == P_FIRST)
			v.num = top->index == 0;
		else
			v.num = top->index + 1 == top->count;
		return v;
	}
	if (p->kind == P_THIS) {
		v.json = top != NULL ? top->val : NULL;
		return v;
	}
	/* The first part decides the scope; the rest must follow from it. */
	for (i = r->nframe - 1; i >= 0; i--) {
		if ((j = child(r->frame[i].val, p->seg[0])) != NULL) {
			for (k = 1; j != NULL && k < p->nseg; k++)
				j = child(j, p->seg[k]);
			v.json = j;
			return v;
		}
		if (p->local)
			break;
	}
	return v;
}

static int
truthy(struct val v)
{
	json_t *j = v.json;

	if (v.kind != V_JSON)
		return v.num != 0;
	switch (json_typeof(j != NULL ? j : json_null())) {
	case JSON_STRING:
		return json_string_length(j) > 0;
	case JSON_INTEGER:
		return json_integer_value(j) != 0;
	case JSON_REAL:
		return json_real_value(j) != 0.0;
	case JSON_TRUE:
		return 1;
	case JSON_ARRAY:
		return json_array_size(j) > 0;
	case JSON_OBJECT:
		return json_object_size(j) > 0;
	default:
		return 0;
	}
}

/* The shortest %g form that reads back as the same number. */
static void
put_real(struct eco_buf *out, double d)
{
	char s[40];
	int prec;

	if (!isfinite(d))
		return;
	for (prec = 1; prec <= 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	eco_buf_puts(out, s);
}

/* Prints a value; objects, arrays, false, null and missing print nothing. */
static void
put_val(struct eco_buf *out, struct val v, int escape)
{
	json_t *j = v.json;

	if (v.kind == V_INT) {
		eco_buf_put_int(out, v.num);
		return;
	}
	if (v.kind == V_BOOL) {
		if (v.num)
			eco_buf_append(out, "true", 4);
		return;
	}
	if (json_is_string(j)) {
		if (escape)
			eco_html_escape(out, json_string_value(j),
			    json_string_length(j));
		else
			eco_buf_append(out, json_string_value(j),
			    json_string_length(j));
	} else if (json_is_integer(j)) {
		eco_buf_put_int(out, (long long)json_integer_value(j));
	} else if (json_is_real(j)) {
		put_real(out, json_real_value(j));
	} else if (json_is_true(j)) {
		eco_buf_append(out, "true", 4);
	}
}

static void render_nodes(struct render *, const struct node *);

static void
render_each(struct render *r, const struct node *n)
{
	struct val v = lookup(r, &n->path);
	struct frame *f;
	size_t i, count;

	count = v.kind == V_JSON && json_is_array(v.json) ?
	    json_array_size(v.json) : 0;
	if (count == 0) {
		render_nodes(r, n->alt);
		return;
	}
	/* Only reachable through deep partial recursion: render nothing. */
	if (r->nframe == MAX_SCOPES)
		return;
	f = &r->frame[r->nframe++];
	f->each = 1;
	f->count = count;
	for (i = 0; i < count; i++) {
		f->val = json_array_get(v.json, i);
		f->index = i;
		render_nodes(r, n->body);
	}
	r->nframe--;
}

static void
render_partial(struct render *r, const struct node *n)
{
	const struct tpl *t;
	int i;

	/*
	 * eco_templates_check refuses cycles and deep chains, but a set built
	 * with eco_templates_add may skip it: a template already being
	 * rendered renders as nothing, so recursion can neither overflow the
	 * stack nor multiply the output through an #each.
	 */
	if (r->partials >= MAX_PARTIALS)
		return;
	if ((t = find(r->set, n->s1, n->hash)) == NULL || t == r->root)
		return;
	for (i = 0; i < r->partials; i++)
		if (r->active[i] == t)
			return;
	r->active[r->partials++] = t;
	render_nodes(r, t->root);
	r->partials--;
}

/*
 * {{t}}: the message in the hooks' language, escaped.  A page has dozens;
 * with kept_lang each is looked up and escaped once per language.
 */
static void
render_t(struct render *r, const struct node *n)
{
	const struct eco_template_hooks *h = r->hooks;
	int k = h != NULL ? h->kept_lang - 1 : -1;
	const char *s = NULL;
	size_t start = r->out->len;

	if (k >= ECO_TEMPLATE_KEPT_LANGS)
		k = -1;
	if (k >= 0 && n->kept->html[k] != NULL) {
		eco_buf_append(r->out, n->kept->html[k], n->kept->len[k]);
		return;
	}
	if (h != NULL && h->gettext != NULL)
		s = h->gettext(h->ud, n->s2, n->s1);
	eco_html_escape_str(r->out, s != NULL ? s : n->s1);
	if (k >= 0) {
		n->kept->len[k] = r->out->len - start;
		n->kept->html[k] = xstrndup(r->out->data + start,
		    n->kept->len[k]);
	}
}

/* The count of {{tn}}: a number, or a decimal string from the database. */
static int
count_value(struct val v, long long *n)
{
	const char *s;
	double d;
	size_t i;

	if (v.kind == V_INT) {
		*n = v.num;
		return 0;
	}
	if (v.kind != V_JSON)
		return -1;
	if (json_is_integer(v.json)) {
		*n = (long long)json_integer_value(v.json);
		return 0;
	}
	if (json_is_real(v.json)) {
		d = json_real_value(v.json);
		if (!(d > -9.2e18 && d < 9.2e18))
			return -1;
		*n = (long long)d;
		return 0;
	}
	if (!json_is_string(v.json))
		return -1;
	s = json_string_value(v.json);
	i = s[0] == '-' ? 1 : 0;
	if (s[i] == '\0' || strlen(s + i) > 18 ||
	    strspn(s + i, "0123456789") != strlen(s + i))
		return -1;
	*n = strtoll(s, NULL, 10);
	return 0;
}

static void
render_tn(struct render *r, const struct node *n)
{
	const struct eco_template_hooks *h = r->hooks;
	const char *s = NULL, *pct;
	unsigned long un;
	long long num;

	if (count_value(lookup(r, &n->path), &num) == -1)
		return;
	un = (unsigned long)(num < 0 ? 0ULL - (unsigned long long)num :
	    (unsigned long long)num);
	if (h != NULL && h->ngettext != NULL)
		s = h->ngettext(h->ud, n->s1, n->s2, un);
	if (s == NULL)
		s = un != 1 ? n->s2 : n->s1;
	if ((pct = strstr(s, "%d")) == NULL) {
		eco_html_escape_str(r->out, s);
		return;
	}
	eco_html_escape(r->out, s, (size_t)(pct - s));
	eco_buf_put_int(r->out, num);
	eco_html_escape_str(r->out, pct + 2);
}

/*
 * Escapes what a hook wrote at out[start..].  The usual date has nothing to
 * escape, so a copy is made only when there is something to replace.
 */
static void
escape_tail(struct eco_buf *out, size_t start)
{
	size_t n;
	char *copy;

	if (out->len <= start)
		return;
	n = out->len - start;
	if (strcspn(out->data + start, "&<>\"'") >= n)
		return;
	copy = eco_strndup(out->arena, out->data + start, n);
	out->len = start;
	out->data[start] = '\0';
	eco_html_escape(out, copy, n);
}

static void
render_date(struct render *r, const struct node *n)
{
	const struct eco_template_hooks *h = r->hooks;
	struct val v = lookup(r, &n->path);
	size_t start = r->out->len;

	if (v.kind != V_JSON || !json_is_string(v.json))
		return;
	if (h != NULL && h->format_date != NULL) {
		if (h->format_date(h->ud, json_string_value(v.json),
		    r->out) != -1) {
			escape_tail(r->out, start);
			return;
		}
		/* Not a date: drop anything the hook wrote, print it as is. */
		if (r->out->len > start) {
			r->out->len = start;
			r->out->data[start] = '\0';
		}
	}
	eco_html_escape(r->out, json_string_value(v.json),
	    json_string_length(v.json));
}

static void
render_nodes(struct render *r, const struct node *n)
{
	for (; n != NULL; n = n->next) {
		switch (n->kind) {
		case N_TEXT:
			eco_buf_append(r->out, n->text, n->len);
			break;
		case N_VALUE:
			put_val(r->out, lookup(r, &n->path), 1);
			break;
		case N_RAW:
			put_val(r->out, lookup(r, &n->path), 0);
			break;
		case N_IF:
			render_nodes(r, truthy(lookup(r, &n->path)) ?
			    n->body : n->alt);
			break;
		case N_UNLESS:
			render_nodes(r, truthy(lookup(r, &n->path)) ?
			    n->alt : n->body);
			break;
		case N_EACH:
			render_each(r, n);
			break;
		case N_PARTIAL:
			render_partial(r, n);
			break;
		case N_T:
			render_t(r, n);
			break;
		case N_TN:
			render_tn(r, n);
			break;
		case N_DATE:
			render_date(r, n);
			break;
		case N_YIELD:
			if (r->yield != NULL)
				eco_buf_puts(r->out, r->yield);
			break;
		}
	}
}

int
eco_template_render(const struct eco_templates *set, const char *name,
    json_t *data, const char *yield, const struct eco_template_hooks *hooks,
    struct eco_buf *out)
{
	const struct tpl *t;
	struct render r;

	if (name == NULL || out == NULL ||
	    (t = find(set, name, hash_name(name))) == NULL)
		return -1;
	r.set = set;
	r.hooks = hooks;
	r.yield = yield;
	r.out = out;
	r.root = t;
	r.frame[0].val = data;
	r.frame[0].index = 0;
	r.frame[0].count = 0;
	r.frame[0].each = 0;
	r.nframe = 1;
	r.partials = 0;
	render_nodes(&r, t->root);
	return 0;
}
