/*
 * json-scan.c: byte-level JSON scanners for big answers, so that neither
 * a whole list nor what the console never shows becomes a cJSON tree:
 *
 * - scs_json_lean drops metadata.managedFields from an object's text in
 *   place (half of a real Cluster's bytes, written by server-side apply);
 * - scs_list_split cuts a list body ({"items":[...],"metadata":{...}},
 *   keys in any order) into its items as the bytes arrive, and keeps the
 *   list's metadata.
 *
 * Both only track strings, escapes and nesting; the text is checked by
 * the parser that reads each piece afterwards.
 */
#include <string.h>

#include "scs/api.h"

#define LEAN_DEPTH	64

/* The end of the value that starts at s[i] (after whitespace): the
 * index just past it, or len when it does not end within s. */
static size_t
value_end(const char *s, size_t i, size_t len)
{
	int	 depth = 0, in_str = 0, esc = 0;

	for (; i < len; i++) {
		char	 c = s[i];

		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"') {
				in_str = 0;
				if (depth == 0)
					return (i + 1);
			}
			continue;
		}
		switch (c) {
		case '"':
			in_str = 1;
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth <= 0)
				return (depth < 0 ? i : i + 1);
			break;
		case ',':
			if (depth == 0)
				return (i);
			break;
		default:
			break;
		}
	}
	return (len);
}

static size_t
skip_ws(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r'))
		i++;
	return (i);
}

/* The index of the quote that ends the string opening at s[i], or len. */
static size_t
string_end(const char *s, size_t i, size_t len)
{
	const char	*q;
	size_t		 j = i + 1, k;

	while (j < len && (q = memchr(s + j, '"', len - j)) != NULL) {
		j = (size_t)(q - s);
		for (k = j; k > i + 1 && s[k - 1] == '\\'; k--)
			;
		if ((j - k) % 2 == 0)	/* not escaped */
			return (j);
		j++;
	}
	return (len);
}

/*
 * One pass that reads, and moves bytes only where a managedFields member
 * goes: strings are skipped with memchr, so the cost is close to that of
 * finding the quotes.
 */
size_t
scs_json_lean(char *s, size_t len)
{
	unsigned char	 is_obj[LEAN_DEPTH], is_md[LEAN_DEPTH];
	size_t		 i = 0, j, k, from;
	int		 depth = 0, expect_key = 0, md_next = 0;

	while (i < len) {
		char	 c = s[i];

		if (c == '"') {
			if ((j = string_end(s, i, len)) >= len)
				break;		/* cut short: leave the rest */
			if (depth > 0 && is_obj[depth - 1] && expect_key) {
				expect_key = 0;
				if (is_md[depth - 1] && j - i - 1 == 13 &&
				    memcmp(s + i + 1, "managedFields", 13) == 0) {
					k = skip_ws(s, j + 1, len);
					if (k >= len || s[k] != ':')
						break;
					k = value_end(s, skip_ws(s, k + 1, len),
					    len);
					k = skip_ws(s, k, len);
					from = i;
					if (k < len && s[k] == ',') {
						k++;	/* and its comma */
						expect_key = 1;
					} else {
						/* The last member: the comma
						 * before it goes. */
						while (from > 0 && (s[from - 1] ==
						    ' ' || s[from - 1] == '\n' ||
						    s[from - 1] == '\t' ||
						    s[from - 1] == '\r'))
							from--;
						if (from > 0 && s[from - 1] == ',')
							from--;
					}
					memmove(s + from, s + k, len - k);
					len -= k - from;
					s[len] = '\0';
					i = from;
					continue;
				}
				md_next = j - i - 1 == 8 &&
				    memcmp(s + i + 1, "metadata", 8) == 0;
			}
			i = j + 1;
			continue;
		}
		switch (c) {
		case '{':
		case '[':
			if (depth == LEAN_DEPTH)
				return (len);
			is_obj[depth] = c == '{';
			is_md[depth] = c == '{' && md_next;
			depth++;
			expect_key = c == '{';
			md_next = 0;
			break;
		case '}':
		case ']':
			if (depth > 0)
				depth--;
			expect_key = 0;
			break;
		case ',':
			expect_key = depth > 0 && is_obj[depth - 1];
			break;
		case ':':
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			break;
		default:
			md_next = 0;
			break;
		}
		i++;
	}
	return (len);
}

/* --- lists --------------------------------------------------------------- */

enum {
	LS_TOP,		/* in the list object, outside items and metadata */
	LS_ITEMS,	/* in "items":[ between items */
	LS_ITEM,	/* in an item */
	LS_META		/* in "metadata":{ */
};

void
scs_list_split_init(struct scs_list_split *ls, size_t max)
{
	memset(ls, 0, sizeof *ls);
	scs_buf_init(&ls->item, max);
	scs_buf_init(&ls->meta, max);
}

void
scs_list_split_done(struct scs_list_split *ls)
{
	scs_buf_done(&ls->item);
	scs_buf_done(&ls->meta);
}

/* The bytes of p from run to end go to the piece being captured. */
static enum scs_status
capture(struct scs_list_split *ls, const char *p, size_t run, size_t end)
{
	struct scs_buf	*b = ls->mode == LS_ITEM ? &ls->item : &ls->meta;

	return (scs_buf_add(b, p + run, end - run));
}

enum scs_status
scs_list_split_feed(struct scs_list_split *ls, const char *p, size_t len,
    scs_item_text_cb cb, void *arg)
{
	size_t		 i, run = 0;
	enum scs_status	 st;

	for (i = 0; i < len; i++) {
		char	 c = p[i];

		if (ls->in_str) {
			if (ls->esc)
				ls->esc = 0;
			else if (c == '\\')
				ls->esc = 1;
			else if (c == '"') {
				ls->in_str = 0;
				ls->key[ls->keylen] = '\0';
			} else if (ls->in_key) {
				if (ls->keylen + 1 < sizeof ls->key)
					ls->key[ls->keylen++] = c;
			}
			if (!ls->in_str)
				ls->in_key = 0;
			continue;
		}
		switch (c) {
		case '"':
			if (ls->mode == LS_ITEMS && ls->depth == 2)
				return (SCS_DECODE);
			ls->in_str = 1;
			if (ls->depth == 1 && ls->expect_key) {
				ls->in_key = 1;
				ls->keylen = 0;
				ls->expect_key = 0;
			}
			break;
		case '{':
		case '[':
			if (ls->depth == 0) {
				if (c != '{' || ls->ended)
					return (SCS_DECODE);
				ls->expect_key = 1;
			} else if (ls->depth == 1) {
				if (c == '[' && strcmp(ls->key, "items") == 0)
					ls->mode = LS_ITEMS;
				else if (c == '{' &&
				    strcmp(ls->key, "metadata") == 0) {
					ls->mode = LS_META;
					scs_buf_reset(&ls->meta);
					run = i;
				}
			} else if (ls->depth == 2 && ls->mode == LS_ITEMS) {
				if (c != '{')
					return (SCS_DECODE);
				ls->mode = LS_ITEM;
				run = i;
			}
			ls->depth++;
			break;
		case '}':
		case ']':
			if (ls->depth == 0)
				return (SCS_DECODE);
			ls->depth--;
			if (ls->mode == LS_ITEM && ls->depth == 2) {
				if ((st = capture(ls, p, run, i + 1)) != SCS_OK)
					return (st);
				ls->mode = LS_ITEMS;
				ls->nitems++;
				if (cb(ls->item.data, ls->item.len, arg) != 0)
					return (SCS_CANCELLED);
				scs_buf_reset(&ls->item);
			} else if (ls->mode == LS_META && ls->depth == 1) {
				if ((st = capture(ls, p, run, i + 1)) != SCS_OK)
					return (st);
				ls->mode = LS_TOP;
			} else if (ls->mode == LS_ITEMS && ls->depth == 1)
				ls->mode = LS_TOP;
			else if (ls->depth == 0)
				ls->ended = 1;
			break;
		case ',':
			if (ls->depth == 1)
				ls->expect_key = 1;
			break;
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			break;
		default:
			/* Only objects are items. */
			if (ls->mode == LS_ITEMS && ls->depth == 2)
				return (SCS_DECODE);
			break;
		}
	}
	if (ls->mode == LS_ITEM || ls->mode == LS_META)
		return (capture(ls, p, run, len));
	return (SCS_OK);
}
