/*
 * tui.h: the application's one internal header, sectioned by file (like
 * tmux.h). The core (libscs) knows nothing of what is here.
 */
#ifndef SCS_TUI_H
#define SCS_TUI_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "scs/api.h"
#include "scs/kubeconfig.h"
#include "scs/model.h"
#include "scs/sim.h"
#include "scs/store.h"
#include "options.h"

/* --- draw.c: safe text ------------------------------------------------ */

/*
 * Sanitize a server string into wide characters for one screen line:
 * control characters and escape sequences become visible "^X" pairs,
 * newlines and tabs become spaces, invalid UTF-8 becomes U+FFFD. Writes
 * at most max_cols display columns into out (NUL-terminated, outlen
 * wchar_t's), with an ellipsis when cut. Returns the columns used.
 */
int	 draw_sanitize(const char *s, wchar_t *out, size_t outlen,
	    int max_cols);
/* Display width of a sanitized string (what draw_sanitize would use). */
int	 draw_width(const char *s);
/* Draw s at y,x padded or cut to exactly cols columns. */
void	 draw_cell(int y, int x, const char *s, int cols, int right);

/* --- screen.c: curses, headless mode, dumps -------------------------- */

/* Semantic colour roles: the names are the keys of theme files. */
#define ROLE_LIST(X)				\
	X(NORMAL,	"normal")		\
	X(HEADER,	"header")		\
	X(TITLE,	"title")		\
	X(HEAD,		"table-head")		\
	X(SELECT,	"selection")		\
	X(OK,		"status-ok")		\
	X(PROGRESS,	"status-progress")	\
	X(WARN,		"status-warn")		\
	X(ERROR,	"status-error")		\
	X(UNKNOWN,	"status-unknown")	\
	X(MUTED,	"muted")		\
	X(KEY,		"key-hint")		\
	X(PROMPT,	"prompt")		\
	X(CHANGED,	"changed")

enum role {
#define X(n, s)	ROLE_##n,
	ROLE_LIST(X)
#undef X
	ROLE_MAX
};

/* Start curses on the terminal, or in memory (no_display) at cols x rows.
 * 0 or -1 with a message on stderr. */
int	 screen_init(int no_display, int cols, int rows);
void	 screen_done(void);
void	 screen_role(enum role);
/* The role for a health. */
enum role screen_health_role(enum scs_health);
/* A one-character glyph for a health (status never by colour alone). */
const char *screen_health_glyph(enum scs_health);
/* The screen as UTF-8 text, one line per row, trailing blanks trimmed;
 * caller frees. */
char	*screen_dump(void);
int	 screen_cols(void);
int	 screen_rows(void);

/* --- theme.c: colour themes ----------------------------------------- */

/* A colour: -1 terminal default, 0-255 an index, or THEME_RGB | 0xrrggbb. */
#define THEME_RGB	0x1000000
struct theme {
	char	 name[64];
	int	 fg[ROLE_MAX];
	int	 bg[ROLE_MAX];
	attr_t	 attr[ROLE_MAX];
	int	 mono;		/* attributes only */
};

/* The compiled-in default (dark) theme. */
void	 theme_default(struct theme *);
/*
 * Load NAME or FILE: a path (contains '/' or ends in .yaml), else
 * $XDG_CONFIG_HOME/scs-tui/themes/NAME.yaml, the source tree's themes/,
 * the installed datadir. Missing roles keep the default's values. 0, or
 * -1 with "FILE:LINE:COL: problem" in *cause.
 */
int	 theme_load(const char *name, struct theme *, char **cause);
/* The same for a theme file's text (file names it in messages). */
int	 theme_load_text(const char *file, const char *text, size_t len,
	    struct theme *, char **cause);
/* Make t current (curses must be up). NO_COLOR set forces mono. */
void	 theme_apply(const struct theme *);
/* The role's attributes in the current theme, with its colour pair. */
attr_t	 theme_attr(enum role);

/* --- keys.c: key names ----------------------------------------------- */

/* Keys inside the app: a Unicode code point, or KEYS_* for special keys
 * (curses KEY_* values shifted above the Unicode range). */
#define KEYS_SPECIAL	0x200000
/* Parse "<Enter>", "<C-d>", "<F1>", ... at s; returns the key and sets
 * *len to the characters used, or -1 when s is not a key name. */
int	 keys_parse_name(const char *s, size_t *len);
/* "<Enter>", "j", ... for help and logs; static buffer. */
const char *keys_name(int key);

/* --- script.c: --script ---------------------------------------------- */

struct script;
enum script_step { SCRIPT_KEY, SCRIPT_DUMP, SCRIPT_EXPECT, SCRIPT_SLEEP,
	SCRIPT_QUIT, SCRIPT_END };
/* Load; NULL with "FILE:LINE: problem" in *cause. */
struct script	*script_load(const char *path, long delay_ms, char **cause);
/* The same for a script's text (path names it in messages). */
struct script	*script_load_text(const char *path, const char *text,
		    size_t len, long delay_ms, char **cause);
void		 script_free(struct script *);
/* The next step; *key for KEY, *arg for DUMP/EXPECT, *ms for SLEEP. */
enum script_step script_next(struct script *, int *key, const char **arg,
		    long *ms);
/* Put the last step back (an @expect that must wait). */
void		 script_unget(struct script *);
long		 script_delay(const struct script *);
const char	*script_where(const struct script *);	/* "FILE:LINE" */

/* --- table.c: the resource table view --------------------------------- */

struct table;
/* A table over store (borrowed). title like "clusters". */
struct table	*table_new(struct scs_store *, const char *title, int all_ns);
void		 table_free(struct table *);
void		 table_draw(struct table *, int y, int rows);
/* Handle a key; 1 when used. */
int		 table_key(struct table *, int key, int page);
void		 table_set_filter(struct table *, const char *);
const char	*table_filter(const struct table *);
const struct scs_record *table_selected(struct table *);
size_t		 table_count(struct table *);
struct scs_store *table_store(const struct table *);

/* --- detail.c: describe / YAML of one object ------------------------- */

struct detail;
/* Fetch res ns/name (strings copied) and show it; changed(arg) is called
 * when the object arrived. yaml selects the YAML view, redact hides every
 * secret value. */
struct detail	*detail_open(struct scs_api *, const struct scs_resource *,
		    const char *ns, const char *name, int yaml, int redact,
		    void (*changed)(void *), void *arg);
void		 detail_free(struct detail *);
int		 detail_busy(const struct detail *);
void		 detail_draw(struct detail *, int y, int rows);
/* Scroll keys and y (describe <-> YAML); 1 when used. */
int		 detail_key(struct detail *, int key, int page);

/* --- app.c ------------------------------------------------------------ */

int	 app_run(const struct options *);

#endif
