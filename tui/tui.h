/*
 * tui.h: the application's one internal header, sectioned by file (like
 * tmux.h). The core (libscs) knows nothing of what is here.
 */
#ifndef SCS_TUI_H
#define SCS_TUI_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>

#include "scs/api.h"
#include "scs/kubeconfig.h"
#include "scs/model.h"
#include "scs/sim.h"
#include "scs/store.h"
#include "chart.h"
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
/* Pad buf (size bytes) with spaces to cols display columns, for cells
 * with glyphs or wide characters that printf's %-Ns would pad by bytes. */
void	 draw_pad(char *buf, size_t size, int cols);
/*
 * Ages on screen tick: draw_age formats seconds (scs_format_age) and
 * counts as shown. While an age under an hour was drawn since the last
 * tick (draw_ages_ticking), the app ticks once a second: draw_ages_tick
 * bumps draw_ages_gen, and views that keep built lines rebuild when it
 * moved; nothing ticks while no young age is on screen.
 */
void	 draw_age(int64_t seconds, char *buf, size_t len);
/* The same for an RFC 3339 time until now ("-" when not one). */
void	 draw_age_since(const char *ts, char *buf, size_t len);
int	 draw_ages_ticking(void);
void	 draw_ages_tick(void);
uint64_t draw_ages_gen(void);
/* Draw s at y,x padded or cut to exactly cols columns. */
void	 draw_cell(int y, int x, const char *s, int cols, int right);
/*
 * Break text into at most maxlines lines of at most cols display columns
 * (as draw_sanitize measures), at spaces where it can, inside a word
 * where it must; leading spaces of a line are dropped. Line i is
 * text[start[i]] for len[i] bytes. Returns the number of lines; text
 * left over when maxlines are full is not counted.
 */
size_t	 draw_wrap(const char *text, int cols, size_t *start, size_t *len,
	    size_t maxlines);

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

/* text (NULL: nothing) on lines screen lines from y in role,
 * cleared first: each line full to the screen's edge, the last cut with
 * "…". */
void	 draw_note(int y, int lines, const char *text, enum role role);

/* Start curses on the terminal, or in memory (no_display) at cols x rows.
 * 0 or -1 with a message on stderr. */
int	 screen_init(int no_display, int cols, int rows);
void	 screen_done(void);
void	 screen_role(enum role);
/* The role for a health. */
enum role screen_health_role(enum scs_health);
/* A one-character glyph for a health (status never by colour alone). */
const char *screen_health_glyph(enum scs_health);
/* One condition (status.conditions[i]) as a row under
 * SCREEN_CONDITION_HEAD: glyph, type, status, reason, since, message. */
#define SCREEN_CONDITION_HEAD \
	"  TYPE                     STATUS REASON                 SINCE MESSAGE"
void	 screen_condition_row(const cJSON *c, char *buf, size_t len);
/* One core/v1 Event as a line of a cluster's events (tree, describe):
 * last seen, type, reason, object (kind/name), xcount, message. */
void	 screen_event_row(const cJSON *ev, char *buf, size_t len);
/* A unified diff (scs_diff_lines) from its line top on rows screen lines
 * from y: removed lines in the error role, added in the ok role, hunk
 * heads muted (the form's review and :edit's). */
void	 screen_diff_lines(const char *diff, size_t top, int y, int rows);
/* The screen as UTF-8 text, one line per row, trailing blanks trimmed;
 * caller frees. */
char	*screen_dump(void);

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
/* "default" (-1), a colour name, 0-255 or #rrggbb; -2 when not a colour. */
int	 theme_parse_colour(const char *);
/* A shipped data file: src_rel under the source tree for a binary in its
 * build folder, else data_rel under the installed data folder; NULL when
 * missing. */
char	*theme_shipped_file(const char *src_rel, const char *data_rel);
/* The same for a theme file's text (file names it in messages). */
int	 theme_load_text(const char *file, const char *text, size_t len,
	    struct theme *, char **cause);
/* Make t current (curses must be up). NO_COLOR set forces mono. */
void	 theme_apply(const struct theme *);
/* The role's attributes in the current theme, with its colour pair. */
attr_t	 theme_attr(enum role);
/*
 * The theme theme_apply made current (borrowed, valid until the next
 * theme_apply); *colour (if not NULL) is 1 when colour pairs are in use.
 * Colour pair r (1 <= r < ROLE_MAX) holds role r; pair 0 is ROLE_NORMAL.
 */
const struct theme *theme_current(int *colour);

/* --- export.c: the screen as a file ---------------------------------- */

/* name, the file extension that selects it */
#define EXPORT_FORMAT_LIST(X)			\
	X(TEXT,	"text",	"txt")			\
	X(ANSI,	"ansi",	"ans")			\
	X(SVG,	"svg",	"svg")			\
	X(HTML,	"html",	"html")

enum export_format {
	EXPORT_AUTO = -1,	/* by the file's extension */
#define X(n, name, ext)	EXPORT_##n,
	EXPORT_FORMAT_LIST(X)
#undef X
	EXPORT_NONE		/* not a format */
};

/* "text", "txt", "ansi", "ans", "svg", "html", "htm" (any case);
 * EXPORT_NONE otherwise. */
enum export_format export_format_from_name(const char *);
/* By the extension of path's last component; EXPORT_NONE if unknown. */
enum export_format export_format_from_path(const char *path);
/* A theme colour (0-255 with the xterm palette, THEME_RGB) as 0xrrggbb;
 * -1 (terminal default) stays -1. */
int		 export_colour_rgb(int colour);
/*
 * The screen as last refreshed (curscr, what screen_dump reads) in format
 * f, with the current theme's colours (theme_current; pair r = role r).
 * TEXT is screen_dump's text; ANSI has SGR codes (16/256/truecolor as the
 * theme says) reset at each line end; SVG and HTML are a monospace grid
 * with #rrggbb colours. Every character is escaped for the format; control
 * and bidi-override characters become U+FFFD. Deterministic for the same
 * screen and theme. Caller frees.
 */
char		*export_render(enum export_format f);
/*
 * Replace path atomically with data: a temporary file in path's directory,
 * mode 0644, then rename. Refuses a symbolic link or a non-regular file at
 * path. 0, or -1 with "PATH: problem" in *cause.
 */
int		 export_write_file(const char *path, const char *data,
		    size_t len, char **cause);
/* export_render + export_write_file; EXPORT_AUTO picks the format by
 * path's extension (.txt .ans .svg .html). 0, or -1 and *cause. */
int		 export_screen(const char *path, enum export_format f,
		    char **cause);

/* --- keys.c: key names ----------------------------------------------- */

/* Keys inside the app: a Unicode code point, or KEYS_* for special keys
 * (curses KEY_* values shifted above the Unicode range). */
#define KEYS_SPECIAL	0x200000
/* Parse "<Enter>", "<C-d>", "<F1>", ... at s; returns the key and sets
 * *len to the characters used, or -1 when s is not a key name. */
int	 keys_parse_name(const char *s, size_t *len);
/* "<Enter>", "j", ... for help and logs; static buffer. */
const char *keys_name(int key);
/* Is key a character to type (not a control, DEL or a special key)? */
int	 keys_is_text(int key);

/* --- action.c: the one table of actions ------------------------------- */

/*
 * Scopes: where a key means something. A view is in exactly one scope at a
 * time (its kind and mode): a table, the clusters table, a Secret's
 * describe, the form or its YAML preview, ...
 */
#define SCOPE_LIST(X)						\
	X(TABLE,	"table")	/* a resource table */	\
	X(CLUSTERS,	"clusters")	/* the clusters table */ \
	X(FLEET,	"fleet")	/* clusters of contexts */ \
	X(TREE,		"tree")		/* a cluster's tree */	\
	X(TRACE,	"trace")	/* a claim's trace */	\
	X(DETAIL,	"detail")	/* describe, YAML */	\
	X(SECRET,	"secret")	/* the same of a Secret */ \
	X(KUBECONFIG,	"kubeconfig")	/* of a kubeconfig Secret */ \
	X(FORM,		"form")		/* the cluster form */	\
	X(PREVIEW,	"preview")	/* its YAML preview */	\
	X(REVIEW,	"review")	/* a dry run's diff (:edit) */ \
	X(OVERVIEW,	"overview")	/* IaaS, KaaS overview */ \
	X(TENANT,	"tenant")	/* the tenant overview */ \
	X(STACK,	"stack")	/* a cluster stack */	\
	X(ALERTS,	"alerts")	/* the alerts */	\
	X(STATUS,	"status")	/* contexts, errors */	\
	X(HELP,		"help")		/* the keys (?) */	\
	X(PINS,		"pins")		/* a namespace's pins */ \
	X(POLICIES,	"policies")	/* admission policies */ \
	X(PICKER,	"picker")	/* a form's list of choices */ \
	X(QUESTION,	"question")	/* a y/N question (app_confirm) */ \
	X(ENTRY,	"entry")	/* a line of text being typed */

enum scope {
#define X(n, name)	SCOPE_##n,
	SCOPE_LIST(X)
#undef X
	SCOPE_MAX
};

/* Scope masks for the table. */
#define IN(n)		(1u << SCOPE_##n)
#define IN_ALL		((1u << SCOPE_MAX) - 1)
/* The picker is typed into: of the console's actions only help and the
 * page moves are there, and its actions come before the text (app.c). A
 * question takes one key: confirm, or no. */
#define IN_VIEWS	(IN_ALL & ~(IN(PICKER) | IN(QUESTION) | IN(ENTRY)))
/* Where text is typed (as in fzf and k9s): a key that is text (keys_is_text)
 * types there, whatever it is bound to; an action bound to such a key does
 * not apply there, and one that applies nowhere else must not get one
 * (config.c refuses it). */
#define IN_TYPED	(IN(PICKER) | IN(ENTRY))
#define IN_TABLES	(IN(TABLE) | IN(CLUSTERS) | IN(FLEET))
#define IN_SECRET	(IN(SECRET) | IN(KUBECONFIG))
#define IN_DETAIL	(IN(DETAIL) | IN_SECRET)
#define IN_OVERVIEW	(IN(OVERVIEW) | IN(TENANT))
#define IN_CLUSTER	(IN(CLUSTERS) | IN(TREE))	/* one cluster */
#define IN_LISTS	(IN_VIEWS & ~(IN(PREVIEW) | IN(REVIEW)))

/*
 * Flags: ACT_APP is the console's (the app's) tier: a view action of the
 * same scope bound to the same key comes first. ACT_WRITE changes
 * something on the server: --readonly hides it from footers and help.
 */
#define ACT_APP		0x1
#define ACT_WRITE	0x2

/* Plugins (config.c, plugin.c): actions the configuration file makes,
 * in these slots after the table's; a slot no plugin fills applies
 * nowhere and is not listed. */
#define PLUGIN_MAX	16

/*
 * Every key the console reacts to is an action: enum, name (in the config
 * file and --print-config), default keys (key names as in scripts, space-
 * separated), scopes, flags, footer hint ("" = not in the footer), help.
 * The order is the order of footers and help.
 */
#define ACTION_LIST(X)							\
	/* A view's own. */						\
	X(OPEN,		"open",		"<Enter>",			\
	    IN_TABLES | IN(TREE) | IN(TRACE) | IN_OVERVIEW | IN(STACK) | \
	    IN(ALERTS) | IN_DETAIL,					\
	    0,		"open",						\
	    "Open the line (a cluster: its tree; in describe: the object " \
	    "a reference names)")					\
	X(TREE,		"tree",		"t",		IN(CLUSTERS),	\
	    0,		"",	"The cluster's live tree")		\
	X(CREATE,	"create",	"c",				\
	    IN(CLUSTERS) | IN(TENANT), ACT_WRITE, "create",		\
	    "Create a cluster (a form; a kept draft comes back)")	\
	X(EDIT,		"edit",		"e",		IN_CLUSTER,	\
	    ACT_WRITE,	"edit",	"Edit the cluster: variables, scale, upgrade") \
	X(CLONE,	"clone",	"C",		IN_CLUSTER,	\
	    ACT_WRITE,	"",	"Clone: a create form filled from the cluster") \
	X(SCALE,	"scale",	"s",		IN_CLUSTER,	\
	    ACT_WRITE,	"",	"Scale: the edit form at the replicas")	\
	X(UPGRADE,	"upgrade",	"u",		IN_CLUSTER,	\
	    ACT_WRITE,	"",	"Upgrade: the edit form at the class")	\
	X(CONDITIONS,	"conditions",	"c",		IN(TREE) | IN(TRACE), \
	    0,		"conditions",					\
	    "Conditions of the object (again: hide)")			\
	X(CONDITIONS_ALL, "conditions-all", "A",	IN(TREE) | IN(TRACE), \
	    0,		"",						\
	    "Conditions of every object (as clusterctl --show-conditions " \
	    "all; again: hide)")					\
	X(GROUP,	"group",	"g",		IN(TREE),	\
	    0,		"group", "Group machines in one state, or list each") \
	X(ECHO,		"echo",		"v",		IN(TREE),	\
	    0,		"",	"Every machine's infrastructure machine and " \
	    "bootstrap config, and the MachineSets (as clusterctl --echo)") \
	X(PAUSE,	"pause",	"P",		IN(TREE),	\
	    ACT_WRITE,	"",	"Pause or resume the cluster (:pause, :resume; asks first)") \
	X(RESTART,	"restart",	"R",		IN(TREE),	\
	    ACT_WRITE,	"",						\
	    "Rollout restart of the MachineDeployment or control plane on " \
	    "the line (:restart; asks first)")				\
	X(REMEDIATE,	"remediate",	"X",		IN(TREE),	\
	    ACT_WRITE,	"",						\
	    "Delete the Machine on the line for remediation (:remediate; " \
	    "asks first)")						\
	X(DESCRIBE,	"describe",	"d",				\
	    IN_TABLES | IN(TREE) | IN(TRACE),				\
	    0,		"",	"Describe the object")		\
	X(YAML,		"yaml",		"y",				\
	    IN_TABLES | IN(TREE) | IN(TRACE) | IN(STACK) | IN_DETAIL,	\
	    0,		"yaml",	"The object's YAML (describe <-> YAML)") \
	X(LABEL,	"label",	"L",				\
	    IN_TABLES | IN(TREE) | IN(TRACE) | IN_DETAIL, ACT_WRITE, "",	\
	    "Label the object: :label RESOURCE/NAME KEY=VALUE|KEY- (asks " \
	    "first)")							\
	X(ANNOTATE,	"annotate",	"@",				\
	    IN_TABLES | IN(TREE) | IN(TRACE) | IN_DETAIL, ACT_WRITE, "",	\
	    "Annotate the object: :annotate RESOURCE/NAME KEY=VALUE|KEY- " \
	    "(asks first)")						\
	X(EDIT_YAML,	"edit-yaml",	"E",				\
	    IN_TABLES | IN(TREE) | IN(TRACE) | IN_DETAIL, ACT_WRITE, "",	\
	    "Edit the YAML in $EDITOR (:edit; dry run, diff, y/N)")	\
	X(DELETE,	"delete",	"<C-d>",			\
	    IN_TABLES | IN(TREE) | IN(TRACE),				\
	    ACT_WRITE,	"delete", "Delete the object (asks first)")	\
	X(FILTER,	"filter",	"/",		IN_TABLES,	\
	    0,		"filter",					\
	    "Filter: text, !text, -l a=b,c!=d,e in (f,g)")		\
	X(SEARCH,	"search",	"/",		IN_DETAIL | IN_OVERVIEW, \
	    0,		"search", "Search the lines (the cursor goes to the next match)") \
	X(SEARCH_NEXT,	"search-next",	"n",		IN_DETAIL | IN_OVERVIEW, \
	    0,		"next",	"Next match")				\
	X(SEARCH_PREV,	"search-prev",	"N",		IN_DETAIL | IN_OVERVIEW, \
	    0,		"",	"Previous match")			\
	X(SCROLL_LEFT,	"scroll-left",	"h <Left>",	IN_DETAIL,	\
	    0,		"",	"Scroll long lines left (half a screen)") \
	X(SCROLL_RIGHT,	"scroll-right",	"l <Right>",	IN_DETAIL,	\
	    0,		"",	"Scroll long lines right")		\
	X(REVEAL,	"reveal",	"x",		IN_SECRET,	\
	    0,		"reveal", "Reveal or hide the value under the cursor") \
	X(SAVE_KUBECONFIG, "save-kubeconfig", "w",	IN(KUBECONFIG),	\
	    0,		"save",	"A kubeconfig Secret: save it (0600 file)") \
	X(MERGE_KUBECONFIG, "merge-kubeconfig", "M",	IN(KUBECONFIG),	\
	    0,		"merge", "A kubeconfig Secret: merge into yours") \
	X(SORT_NAME,	"sort-name",	"N",		IN_TABLES,	\
	    0,		"",	"Sort by name")				\
	X(SORT_AGE,	"sort-age",	"A",		IN_TABLES,	\
	    0,		"",	"Sort by age")				\
	X(SORT_STATUS,	"sort-status",	"S",		IN_TABLES,	\
	    0,		"",	"Sort by status")			\
	X(SORT_NEXT,	"sort-next",	">",		IN_TABLES,	\
	    0,		"",	"Sort by the next column")		\
	X(SORT_PREV,	"sort-prev",	"<lt>",		IN_TABLES,	\
	    0,		"",	"Sort by the previous column")		\
	X(ACK,		"acknowledge",	"a",		IN(ALERTS),	\
	    0,		"acknowledge", "Acknowledge the alert")		\
	X(ACK_ALL,	"acknowledge-all", "A",		IN(ALERTS),	\
	    0,		"all",	"Acknowledge every alert")		\
	X(NEXT_FIELD,	"next-field",	"<Tab>",	IN(FORM),	\
	    0,		"next",	"Next field")				\
	X(PREV_FIELD,	"prev-field",	"<S-Tab>",	IN(FORM),	\
	    0,		"",	"Previous field")			\
	X(EDIT_FIELD,	"edit-field",	"<Enter>",	IN(FORM),	\
	    0,		"edit",	"Edit the field, toggle it, add one")	\
	X(CHOICE_NEXT,	"choice-next",	"<Space> l <Right>", IN(FORM),	\
	    0,		"choose", "Step to the next choice")		\
	X(CHOICE_PREV,	"choice-prev",	"h <Left>",	IN(FORM),	\
	    0,		"",	"Step to the previous choice")		\
	X(REMOVE,	"remove",	"D <Del>",	IN(FORM),	\
	    0,		"remove", "Remove the row, unset the field")	\
	X(UNDO,		"undo",		"u",		IN(FORM),	\
	    0,		"undo",	"Undo the last change")			\
	X(DISCARD,	"discard",	"X",		IN(FORM),	\
	    0,		"",	"Discard the changes and the draft (asks)") \
	X(FIND_FIELD,	"find-field",	"/",		IN(FORM),	\
	    0,		"",	"Go to the field whose name holds TEXT") \
	X(PREVIEW,	"preview",	"p",	IN(FORM) | IN(PREVIEW),	\
	    0,		"YAML",	"YAML preview <-> form")		\
	X(SEND,		"send",		"s",	IN(FORM) | IN(PREVIEW),	\
	    ACT_WRITE,	"send",						\
	    "Send: checks, a server dry run, then for real")		\
	X(STORE,	"store",	"s",	IN(REVIEW),		\
	    ACT_WRITE,	"store",					\
	    "Store the change the dry run showed")			\
	X(PICK,		"pick",		"<Enter>",	IN(PICKER),	\
	    0,		"take",						\
	    "Take the focused choice (where any text goes, the text typed)") \
	X(PICK_CANCEL,	"pick-cancel",	"<Esc> <C-c>",	IN(PICKER),	\
	    0,		"cancel", "Close the list; the field stays as it was") \
	X(PICK_DOWN,	"pick-down",	"<Down> <Tab> <C-n>", IN(PICKER), \
	    0,		"next",	"Next choice")				\
	X(PICK_UP,	"pick-up",	"<Up> <S-Tab> <C-p>", IN(PICKER), \
	    0,		"",	"Previous choice")			\
	X(PICK_FIRST,	"pick-first",	"<Home>",	IN(PICKER),	\
	    0,		"",	"First choice")				\
	X(PICK_LAST,	"pick-last",	"<End>",	IN(PICKER),	\
	    0,		"",	"Last choice")				\
	X(ENTRY_DONE,	"entry-done",	"<Enter> <C-j>", IN(ENTRY),	\
	    0,		"keep",	"Take the text typed")			\
	X(ENTRY_CANCEL,	"entry-cancel",	"<Esc>",	IN(ENTRY),	\
	    0,		"drop the edit", "Leave the text unchanged")	\
	X(ENTRY_COMPLETE, "entry-complete", "<Tab>",	IN(ENTRY),	\
	    0,		"",	"Complete the text (commands, names)")	\
	X(ENTRY_ERASE,	"entry-erase",	"<Backspace> <C-h> <C-?>", IN(ENTRY), \
	    0,		"",	"Erase the last character")		\
	X(ENTRY_CLEAR,	"entry-clear",	"<C-u>",	IN(ENTRY),	\
	    0,		"clear", "Erase the whole text")		\
	X(CONFIRM,	"confirm",	"y Y",		IN(QUESTION),	\
	    0,		"",						\
	    "Yes to the question in the footer (any other key: no)")	\
	X(PIN,		"pin",		"a",		IN(PINS),	\
	    ACT_WRITE,	"pin",						\
	    "Pin a variable or the version (:pin NS KEY VALUE)")	\
	X(UNPIN,	"unpin",	"D <Del>",	IN(PINS),	\
	    ACT_WRITE,	"unpin", "Unpin the pin under the cursor (asks first)") \
	X(INSTALL_POLICY, "install-policy", "I",	IN(PINS),	\
	    ACT_WRITE,	"install",					\
	    "Install the policy scs-pins: preview, server dry run, then asks") \
	/* The console's, in every view unless a view action takes the key. */ \
	X(HELP,		"help",		"? <F1>",	IN_VIEWS | IN(PICKER), \
	    ACT_APP,	"help",	"The keys of this view (again: close)")	\
	X(COMMAND,	"command",	":",		IN_VIEWS,	\
	    ACT_APP,	"cmd",						\
	    "A command: a resource, ns, ctx, ... (Tab completes)")	\
	X(BACK,		"back",		"<Esc>",	IN_VIEWS,	\
	    ACT_APP,	"back",						\
	    "Back (the trail is line 2); clear the filter")		\
	X(QUIT,		"quit",		"q",		IN_LISTS,	\
	    ACT_APP,	"",	"Back; in the first view, quit")	\
	X(QUIT_NOW,	"quit-now",	"<C-c>",	IN_VIEWS,	\
	    ACT_APP,	"",	"Quit at once")				\
	X(DOWN,		"down",		"j <Down>",	IN_VIEWS,	\
	    ACT_APP,	"",	"Next line")				\
	X(UP,		"up",		"k <Up>",	IN_VIEWS,	\
	    ACT_APP,	"",	"Previous line")			\
	X(TOP,		"top",		"g <Home>",	IN_LISTS | IN(REVIEW),	\
	    ACT_APP,	"",	"First line")				\
	X(BOTTOM,	"bottom",	"G <End>",	IN_LISTS | IN(REVIEW),	\
	    ACT_APP,	"",	"Last line")				\
	X(PAGE_DOWN,	"page-down",	"<C-f> <PgDn>",	IN_LISTS | IN(REVIEW) | IN(PICKER), \
	    ACT_APP,	"",	"Next page")				\
	X(PAGE_UP,	"page-up",	"<C-b> <PgUp>",	IN_LISTS | IN(REVIEW) | IN(PICKER), \
	    ACT_APP,	"",	"Previous page")			\
	X(NAMESPACE,	"namespace",	"n",		IN_LISTS,	\
	    ACT_APP,	"",	"Namespace: a prompt (Tab completes)")	\
	X(ALL_NS,	"all-namespaces", "0",		IN_LISTS,	\
	    ACT_APP,	"",	"All namespaces")			\
	X(TOGGLE_ALL_NS, "toggle-all-namespaces", "-",	IN_LISTS,	\
	    ACT_APP,	"",	"All namespaces <-> the context's")	\
	X(PERSONA,	"persona",	"p",		IN_LISTS,	\
	    ACT_APP,	"persona", "Next persona: iaas, kaas, tenant")	\
	X(ALERTS,	"alerts",	"!",		IN_LISTS,	\
	    ACT_APP,	"alerts",					\
	    "Alerts: clusters that turned failed or degraded")		\
	X(STATUS,	"status",	"i",		IN_LISTS,	\
	    ACT_APP,	"",						\
	    "Status: each context's liveness, its last error whole")	\
	X(EXPORT,	"export",	"<C-e>",	IN_LISTS,	\
	    ACT_APP,	"",	"Export the screen (text, ansi, svg, html)") \
	X(MOUSE_TOGGLE,	"mouse-toggle",	"m",		IN_LISTS,	\
	    ACT_APP,	"",	"Mouse on or off")

enum action {
#define X(n, name, keys, scopes, flags, hint, help)	ACTION_##n,
	ACTION_LIST(X)
#undef X
	ACTION_PLUGIN,				/* the first plugin's */
	ACTION_PLUGIN_LAST = ACTION_PLUGIN + PLUGIN_MAX - 1,
	ACTION_MAX,
	ACTION_NONE = ACTION_MAX	/* no action: a key bound to nothing */
};

/* What a view's action() did (ORed); 0: not taken, the app's turn. */
#define VIEW_HANDLED	0x1
#define VIEW_REDRAW	0x2	/* draw again */
#define VIEW_CLOSE	0x4	/* pop the view */

struct config_effective;

const char	*action_name(enum action);
const char	*action_help(enum action);
/* "" when the action has no footer hint. */
const char	*action_hint(enum action);
const char	*action_default_keys(enum action);
int		 action_flags(enum action);
/* The action called name, or ACTION_NONE. */
enum action	 action_by_name(const char *name);
const char	*scope_name(enum scope);
/* Does action a apply in scope s? */
int		 action_in(enum action a, enum scope s);
/* Scope names of a, comma-separated ("" for every scope); static. */
const char	*action_scopes(enum action a);
/* Does a apply only where text is typed (IN_TYPED)? A key that is text
 * never means it. */
int		 action_typed_only(enum action a);
/* Fill plugin slot i (0 .. PLUGIN_MAX-1): its name, help, footer hint,
 * scopes (IN() masks) and flags (ACT_WRITE); name NULL empties it. The
 * strings are copied (cut at 63, 255 and 15 bytes). */
void		 action_plugin_set(size_t i, const char *name,
		    const char *help, const char *hint, unsigned scopes,
		    int flags);
/* Is a a plugin's slot (filled or not)? */
int		 action_is_plugin(enum action a);
/* Does a exist: a table action, or a filled plugin slot? */
int		 action_defined(enum action a);
/* Can a and b both take a key in some scope (same tier, a common
 * scope)? Then they must not share a key. */
int		 action_clash(enum action a, enum action b);
/* The action key means in scope s (a view's before the console's), or
 * ACTION_NONE (always for a key that is text where text is typed). */
enum action	 action_find(const struct config_effective *, int key,
		    enum scope s);
/* The keys of a in scope s (less those a view action of s takes, and
 * those that are text where text is typed); returns how many (at most
 * max). */
size_t		 action_keys(const struct config_effective *, enum action a,
		    enum scope s, int *keys, size_t max);
/* The footer of scope s: "<?>help <Enter>open <c>create ...": help
 * first, then the view's, then the console's, as many as fit in cols
 * columns; readonly leaves out what writes. */
void		 action_hints(const struct config_effective *, enum scope s,
		    int readonly, int cols, char *buf, size_t len);

/* --- entry.c: a line of text being typed ------------------------------ */

struct entry {
	char	 text[1024];
	size_t	 len;
};
enum entry_result { ENTRY_EDITED, ENTRY_ENTER, ENTRY_ESCAPE, ENTRY_TAB,
	ENTRY_IGNORED };

void		 entry_set(struct entry *, const char *text);
/* Typed text goes in; the actions of scope entry (entry-erase,
 * entry-clear: Backspace, C-u) edit it; entry-done, entry-cancel and
 * entry-complete (Enter, Esc, Tab) are the owner's to act on; other keys
 * are ignored. */
enum entry_result entry_key(struct entry *, const struct config_effective *,
		    int key);

/* --- config.c: the configuration file --------------------------------- */

/* Settings: enum, name in the file and in --print-config, type. */
#define CONFIG_SETTING_LIST(X)						\
	X(PERSONA,	"persona",	CONFIG_TYPE_PERSONA)		\
	X(NAMESPACE,	"namespace",	CONFIG_TYPE_STRING)		\
	X(THEME,	"theme",	CONFIG_TYPE_STRING)		\
	X(READONLY,	"readonly",	CONFIG_TYPE_BOOL)		\
	X(REDACT,	"redact",	CONFIG_TYPE_BOOL)		\
	X(MOUSE,	"mouse",	CONFIG_TYPE_BOOL)		\
	X(REFRESH,	"refresh",	CONFIG_TYPE_MS)			\
	X(SILENCE,	"silence",	CONFIG_TYPE_MS)			\
	X(HEADER,	"header",	CONFIG_TYPE_COLOUR)

enum config_type {
	CONFIG_TYPE_STRING,
	CONFIG_TYPE_PERSONA,	/* iaas, kaas, tenant, auto */
	CONFIG_TYPE_BOOL,	/* true, false */
	CONFIG_TYPE_MS,		/* milliseconds, CONFIG_REFRESH_MIN and up */
	CONFIG_TYPE_COLOUR	/* as in themes: "default", red, 208, #rrggbb */
};

enum config_setting {
#define X(n, name, type)	CONFIG_##n,
	CONFIG_SETTING_LIST(X)
#undef X
	CONFIG_SETTING_MAX
};

#define CONFIG_REFRESH_MIN	1000L
#define CONFIG_REFRESH_MAX	3600000L
#define CONFIG_KEYS_MAX		4	/* keys per action */

/* Where an effective value came from. */
enum config_source {
	CONFIG_FROM_DEFAULT,
	CONFIG_FROM_FILE,	/* the file's top level */
	CONFIG_FROM_CONTEXT,	/* contexts: PATTERN: in the file */
	CONFIG_FROM_FLAG	/* the command line */
};

/* Strings are borrowed from the struct config or the options. */
struct config_origin {
	enum config_source	 source;
	const char		*file;
	unsigned long		 line, column;
	const char		*pattern;	/* CONFIG_FROM_CONTEXT */
	const char		*flag;		/* CONFIG_FROM_FLAG, "--readonly" */
};

/*
 * An effective value. s is the text (string, persona, the colour as
 * written); n is the number (bool 0/1, milliseconds, colour as in struct
 * theme). An unset namespace means the context's own; "all" means all.
 */
struct config_value {
	const char		*s;
	long			 n;
	struct config_origin	 from;
};

struct config_binding {
	int			 keys[CONFIG_KEYS_MAX];	/* KEYS_* values */
	const char		*names[CONFIG_KEYS_MAX];	/* as written */
	size_t			 n;
	struct config_origin	 from;
};

/*
 * A plugin (k9s' plugins): the file's plugins: NAME: {key, description,
 * scopes, kinds, command, args, confirm, wait, write}. Its action is slot
 * ACTION_PLUGIN + its index; plugin.c runs it.
 */
struct config_plugin {
	char		*name;
	char		*description;
	char		*command;
	char		**args;		/* NULL-terminated */
	char		**kinds;	/* NULL: any kind */
	unsigned	 scopes;	/* IN() masks */
	int		 confirm;	/* ask y/N first */
	int		 wait;		/* a key after the command */
	int		 write;		/* changes things: not --readonly */
	int		 keys[CONFIG_KEYS_MAX];
	char		*names[CONFIG_KEYS_MAX];
	unsigned long	 kline[CONFIG_KEYS_MAX], kcol[CONFIG_KEYS_MAX];
	size_t		 nkeys;
	unsigned long	 line;		/* its name in the file */
};

/* The configuration in effect: defaults < file < context < flags. */
struct config_effective {
	const char		*context;	/* NULL when unknown */
	struct config_value	 v[CONFIG_SETTING_MAX];
	struct config_binding	 keys[ACTION_MAX];
};

struct config;

/*
 * The default file, $XDG_CONFIG_HOME/scs-tui/config.yaml (or
 * ~/.config/scs-tui/config.yaml). Caller frees.
 */
char		*config_default_path(void);
/*
 * Load and validate path (NULL: the default file, which may be missing:
 * then an empty configuration). *out is the caller's, config_free it. 0,
 * or -1 with "FILE:LINE:COL: problem" in *cause (and *out NULL).
 */
int		 config_load(const char *path, struct config **out,
		    char **cause);
/* The same from memory; name is used in messages. */
int		 config_parse(const char *name, const char *text, size_t len,
		    struct config **out, char **cause);
void		 config_free(struct config *);
/* The file loaded, or NULL when there was none. */
const char	*config_path(const struct config *);
/*
 * Merge defaults < cfg's top level < every contexts: pattern that
 * matches context (fnmatch, in file order, later wins) < flags in o.
 * cfg, context and o may be NULL. out borrows strings from cfg, context
 * and o: keep them while out is used. Keys: an action the file binds
 * loses its default keys, and those keys leave every other action (whose
 * origin then names the binding that took them).
 */
void		 config_resolve(const struct config *cfg, const char *context,
		    const struct options *o, struct config_effective *out);
/* The action bound to key, or -1. */
const char	*config_setting_name(enum config_setting);
/* Plugin i of cfg (NULL past the last); its action is ACTION_PLUGIN + i.
 * config_parse fills the plugin slots of the action table: the last
 * configuration parsed names them. */
const struct config_plugin *config_plugin(const struct config *, size_t i);
/*
 * Print e as a YAML document (loadable as a config file) with a comment
 * per value: "# default", "# from FILE:LINE", "# from FILE:LINE (context
 * PATTERN)" or "# flag --NAME"; then cfg's plugins (cfg may be NULL). 0,
 * or -1 on a write error.
 */
int		 config_print(FILE *, const struct config_effective *e,
		    const struct config *cfg);

/* --- script.c: --script ---------------------------------------------- */

struct script;
enum script_step { SCRIPT_KEY, SCRIPT_DUMP, SCRIPT_EXPECT, SCRIPT_WAIT,
	SCRIPT_SLEEP, SCRIPT_INCIDENT, SCRIPT_QUIT, SCRIPT_END };
/* Load; NULL with "FILE:LINE: problem" in *cause. */
struct script	*script_load(const char *path, long delay_ms, char **cause);
/* The same for a script's text (path names it in messages). */
struct script	*script_load_text(const char *path, const char *text,
		    size_t len, long delay_ms, char **cause);
void		 script_free(struct script *);
/* The next step; *key for KEY, *arg for DUMP/EXPECT/INCIDENT ("NS/NAME
 * MESSAGE"), *ms for SLEEP. */
enum script_step script_next(struct script *, int *key, const char **arg,
		    long *ms);
/* Put the last step back (an @expect that must wait). */
void		 script_unget(struct script *);
long		 script_delay(const struct script *);
const char	*script_where(const struct script *);	/* "FILE:LINE" */

/* --- table.c: the resource table widget ------------------------------ */

struct table;
/* A table over store (borrowed). title like "clusters". */
struct table	*table_new(struct scs_store *, const char *title, int all_ns);
/* A table over several stores (borrowed) of the same kind, one per
 * kubeconfig context (names), with a CONTEXT column. */
struct table	*table_new_multi(struct scs_store *const *,
		    const char *const *names, size_t n, const char *title,
		    int all_ns);
/* Columns from the server's Table output for kinds without a decoder:
 * names (upper case) and the cell of a record (NULL: empty). */
typedef const char *(*table_cell_fn)(void *, const struct scs_record *,
		    int col);
void		 table_set_server_columns(struct table *, int n,
		    const char *const *names, table_cell_fn, void *);
/* The store index (into the table's stores) of the selected row, or -1. */
int		 table_selected_source(struct table *);
void		 table_free(struct table *);
void		 table_draw(struct table *, int y, int rows);
/* Movement and sorting; 1 when used. */
int		 table_action(struct table *, enum action, int page);
/* Select the row drawn at screen line y (mouse); 1 when there is one. */
int		 table_click(struct table *, int y);
void		 table_set_filter(struct table *, const char *);
const char	*table_filter(const struct table *);
const struct scs_record *table_selected(struct table *);
struct scs_store *table_store(const struct table *);
/* Monotonic ms when a highlighted (recently changed) row stops being
 * highlighted, or 0: the app redraws then. */
int64_t		 table_highlight_until(const struct table *);

/* --- list.c: lines with a cursor ----------------------------------- */

/* What Enter on a line opens. */
enum link_kind {
	LINK_NONE,
	LINK_CLUSTER,	/* the tree of cluster ns/name, in context ctx */
	LINK_VIEW,	/* a table of resource name ("secrets", "x.group") */
	LINK_NS,	/* namespace name: its clusters */
	LINK_FILTER,	/* the clusters table filtered by name */
	LINK_RELEASE,	/* describe ClusterStackRelease ns/name */
	LINK_CLASS,	/* describe ClusterClass ns/name */
	LINK_PIN,	/* pin name (its key) of namespace ns (pins.c) */
	LINK_TRACE,	/* the trace of claim ns/name of resource res */
	LINK_OBJECT	/* the object name "Kind/name" in ns (an event's) */
};

struct link {
	enum link_kind	 kind;
	const char	*ctx;		/* LINK_CLUSTER: NULL = the app's */
	const char	*ns;
	const char	*name;
	const char	*res;		/* LINK_TRACE: "plural.group" */
};

/* Bytes off..off+len of a line's text drawn in a role of their own. */
struct list_span {
	size_t		 off, len;
	enum role	 role;
};

struct list_line {
	char		*text;		/* may hold one tab: column split */
	enum role	 role;
	struct link	 link;		/* its own copies; kind LINK_NONE */
	int		 node;		/* the owner's index, -1 = none */
	struct list_span *span;		/* list_append's, in text order */
	size_t		 nspan;
};

struct list {
	struct list_line	*v;
	size_t			 n, cur, top;
	int			 cursor;	/* draw the cursor */
	int			 row_y, nvis;	/* last drawn */
};

void		 list_clear(struct list *);
/* A line; link (NULL: none) is copied. */
struct list_line *list_add(struct list *, enum role, const struct link *,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Append to line x (the one list_add just returned) text in role r, or
 * in the line's own role when r is ROLE_MAX. The span keeps its role
 * except on the cursor's line (the selection shows whole). */
void		 list_append(struct list_line *x, enum role r,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const struct list_line *list_current(const struct list *);
/* Draw at y (head: a heading line, tab-split like the lines, or NULL);
 * returns the width of the first column. */
int		 list_draw(struct list *, int y, int rows, const char *head);
/* Movement; 1 when used. */
int		 list_action(struct list *, enum action);
/* The cursor movement of every line view (lists, describe, YAML): down,
 * up, top, bottom, a page (page lines) over n lines; 1 when act was one
 * of them. */
int		 cursor_action(size_t *cur, size_t n, size_t page,
		    enum action act);
/* Keep cur within n lines and top so that cur shows in rows lines. */
void		 cursor_fit(size_t *cur, size_t *top, size_t n, size_t rows);
int		 list_click(struct list *, int y);
/* A line per condition (status.conditions), SCREEN_CONDITION_HEAD's
 * columns, indent columns in. */
void		 list_add_conditions(struct list *, const cJSON *conditions,
		    int indent);
/* Does line hold needle (case-insensitive; "" never)? */
int		 text_holds(const char *line, const char *needle);
/* Move *cur to the next (dir 1) or previous (-1) of n lines whose
 * text(arg, i) holds needle, round the end; from_cursor: the line at
 * *cur may be the one. 1 when found. */
int		 text_search(size_t *cur, size_t n,
		    const char *(*text)(const void *, size_t), const void *arg,
		    const char *needle, int dir, int from_cursor);
/* The same over a list's lines (the / search of line views). */
int		 list_search(struct list *, const char *needle, int dir,
		    int from_cursor);
/* After a rebuild, put the cursor back on the line linking to link. */
void		 list_keep(struct list *, const struct link *);
/* Copies of src's strings into dst (link_clear frees them). */
void		 link_copy(struct link *dst, const struct link *src);
void		 link_clear(struct link *);
int		 link_equal(const struct link *, const struct link *);

/* --- app.c: the application ------------------------------------------ */

#define VIEW_MAX	16
#define FLEET_MAX	15	/* further contexts (--context a,b,...) */

struct view;
struct alerts;
struct fleet_ctx;

struct app {
	const struct options	*opts;
	struct scs_http		*http;
	struct scs_sim		*sim;
	struct scs_kubeconfig	*kc;
	struct scs_target	*target;
	struct scs_api		*api;
	char			*context;
	char			*ns;		/* current namespace; NULL = all */
	enum scs_persona	 persona;
	int			 persona_known;
	int			 persona_forced;	/* flag or :persona */
	struct scs_access	 access;
	int			 reviews_done;
	int			 redact;
	int			 readonly;
	int			 mouse;
	long			 refresh_ms;
	struct config		*cfg;
	struct config_effective	 eff;		/* for the current context */
	int			 dump_safe;
	int			 screen_up;
	int			 show_keys;	/* presenter key overlay */
	char			 keys_shown[96];
	int64_t			 keys_at;	/* last key, monotonic ms */
	int			 keys_named;	/* the last was "Enter", ... */	/* drawing for a dump: hide revealed values */

	int			 urgent;	/* dirty from a key: draw now */
#define TYPEAHEAD_MAX	256
	int			 typeahead[TYPEAHEAD_MAX];	/* typed while
						 * starting, not applied yet */
	size_t			 ntypeahead;

	int			 discovered;
	char			 conn[256];	/* connection state text */
	char			 conn_shown[256];	/* or its liveness */
	long			 silence_ms;	/* probe a silent server */
	size_t			 lost_shown;	/* contexts not answering, as
						 * last drawn */
	int64_t			 age_tick_ms;	/* ages last ticked */
	int			 conn_bad;
	int			 pending_start;	/* start-up calls in flight */

	struct view		*views[VIEW_MAX];
	int			 nviews;
	struct scs_store_pool	*stores;	/* shared by every view */
	struct scs_store	*clusters;	/* app_clusters(): alerts,
						 * overviews, fleet */
	struct alerts		*alerts;
	struct chart_trend	 trend;		/* failing, degraded: the
						 * last hour, as scanned */
	uint64_t		 alert_timer;	/* a scan is due */
	int64_t			 alert_scan_ms;	/* the last one */
	struct fleet_ctx	*fleet[FLEET_MAX];	/* further contexts */
	size_t			 nfleet;

	int			 prompt;	/* 0, ':', '/' or 'D' (a cluster's
						 * delete: its name typed) */
	struct entry		 entry;		/* its text */
	void			(*confirm_cb)(void *, int);	/* y/N */
	void			*confirm_arg;
	char			 question[512];	/* app_confirm's */
	char			 compl_prefix[256];	/* Tab cycling */
	int			 compl_index;
	char			 message[512];
	int			 message_error;

	char			*del_group;	/* pending delete */
	char			*del_plural;
	char			*del_ns;
	char			*del_name;

	int			 dirty;
	int			 quit;
	int			 exit_code;
	int64_t			 last_draw;
	uint64_t		 redraw_timer;

	struct script		*script;
	int64_t			 script_wait_until;
	int64_t			 expect_since;
};

int	 app_run(const struct options *);
/* Switch context (kubeconfig) and reconnect; 0 or -1 with a message. */
int	 app_switch_context(struct app *, const char *ctx);

/* --- services.c: what the views use ------------------------------------- */

void	 app_message(struct app *, int error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The name of the first key of act in scope s, for messages ("c"), or
 * the action's name when no key is bound; static, in a ring of
 * APP_KEY_NAMES: that many calls may stand in one statement. */
#define APP_KEY_NAMES	4
const char *app_key_name(struct app *, enum action, enum scope);
/* Open resource name (plural, kind, short name) as a table; 0 or -1
 * with a message. */
int	 app_show_name(struct app *, const char *name);
/* The user's own kubeconfig file: --kubeconfig, the first of
 * $KUBECONFIG, ~/.kube/config. Caller frees. */
char	*app_kubeconfig_path(struct app *);
/* Switch to namespace ns (NULL = all) and reopen the current views. */
void	 app_set_ns(struct app *, const char *ns);
/* Switch persona and show its home view. */
void	 app_set_persona(struct app *, enum scs_persona);
/* The next persona (iaas, kaas, tenant, round), said in a message. */
void	 app_next_persona(struct app *);
/* The clusters every persona view watches (the persona's scope: all
 * namespaces when the user may list them, else the current one), started
 * on first use and shared with a clusters table of the same scope; NULL
 * before discovery or without Cluster API. The loop also starts it once
 * the first view has loaded, for the alerts. */
struct scs_store *app_clusters(struct app *);
/* Forget the clusters store and its alerts (a new scope or context). */
void	 app_clusters_stop(struct app *);
/* A change in some context's clusters: compare soon (at most once a
 * second, a watch storm costs one comparison). */
void	 app_alerts_due(struct app *);
/* A shared store of res in ns (scs_store_pool_get of the app's api). */
struct scs_store *app_store_get(struct app *, const struct scs_resource *,
	    const char *ns);
void	 app_store_put(struct app *, struct scs_store *);
/* The discovered resource for group/plural (preferred version; group
 * NULL: any), or NULL; of the app's api, or of api. */
const struct scs_resource *app_resource(struct app *, const char *group,
	    const char *plural);
const struct scs_resource *api_resource(struct scs_api *, const char *group,
	    const char *plural);
/* Open the object "Kind/name" of namespace ns (an event's involvedObject)
 * through api (NULL: the app's; ctx: its context's name, or NULL): a
 * Cluster API cluster's tree, else its describe; a message when the
 * kind is not served there. */
void	 app_open_object(struct app *, struct scs_api *, const char *ctx,
	    const char *ns, const char *kind_name);
/* The resource's plural, or "plural.group" when another group serves
 * the same plural and the bare name opens that one (`:clusters` is
 * Cluster API's, the claims' table is clusters.api.scs.community). */
const char	*api_resource_title(struct scs_api *,
		    const struct scs_resource *, char *buf, size_t len);

/* --- suspend.c: a program on the terminal, the screen suspended ------- */

/*
 * Run argv (execvp) with the screen suspended and restored afterwards;
 * env: "NAME=VALUE" strings added to the child's environment (NULL-
 * terminated, may be NULL); pause: wait for Enter after it ends (the
 * user reads its output). The console's loop waits meanwhile. Headless,
 * the screen is not touched and nothing waits. Its exit code, 127 when
 * it could not be started, -1 when it did not exit (a signal).
 */
int		 app_run_child(struct app *, char *const argv[],
		    char *const env[], int pause);
/*
 * A new file only the user may read (0600) in $TMPDIR (else /tmp) named
 * scs-tui-STEM-XXXXXX SUFFIX ('/' and '.' of stem become '-'), holding
 * data; its name in path. 0, or -1 with errno (no file left behind).
 */
int		 app_temp_file(const char *stem, const char *suffix,
		    const void *data, size_t len, char *path, size_t pathlen);

/* --- edit.c: kubectl edit: any object as YAML in $VISUAL / $EDITOR ---- */

/*
 * Edit ns/name of res: the object read, its YAML (without managedFields;
 * a # header says how to cancel) in a 0600 temporary file, $VISUAL or
 * $EDITOR (else vi) on it, the screen suspended; bad YAML, a changed
 * identity or the server's refusal reopen the editor with the problem
 * in the header and the user's text below it; unchanged or empty:
 * nothing is sent. Else a server dry run (PUT ?dryRun=All), the diff of
 * what the server would store (Secret values masked) and y/N; a 409
 * reopens the editor with the user's changes on the server's newer
 * version. The file is deleted after each editor run, its content never
 * logged. Refused under --readonly (Secrets also under --redact).
 */
void		 edit_object(struct app *, const struct scs_resource *,
		    const char *ns, const char *name);
/* :edit RESOURCE/[NS/]NAME or :edit RESOURCE [NS/]NAME; 0 when arg is
 * one of those (a message said what went wrong), -1 when arg names no
 * resource (then it is the cluster form's :edit NS/NAME). */
int		 edit_command(struct app *, const char *arg);

/* --- shell.c: :shell [NS/NAME]: $SHELL with KUBECONFIG set to a 0600
 * temporary file holding the cluster's kubeconfig (deleted afterwards),
 * the screen suspended and restored. */
void		 shell_run(struct app *, const char *arg);
/* Cluster ns/name's kubeconfig in a 0600 temporary file: cb(app, path,
 * arg), the file deleted when cb returns; cb(app, NULL, arg) when it
 * cannot be had (said in a message; --redact refuses). what names the
 * caller in messages ("shell", "plugin k9s"). */
void		 shell_kubeconfig(struct app *, const char *what,
		    const char *ns, const char *name,
		    void (*cb)(struct app *, const char *path, void *arg),
		    void *arg);

/* --- plugin.c: the configuration's plugins, run on the selected object:
 * $NAME $NAMESPACE $CONTEXT $KIND $CLUSTER $KUBECONFIG expanded in its
 * command and args, the screen suspended and restored. */
void		 plugin_run(struct app *, enum action);
/* The cluster of a tree view; -1 when v is not one. */
int		 tree_cluster(struct view *, const char **ns, const char **name);

/* --- day2.c: day-2 actions (:pause :resume :scale :restart :remediate):
 * readonly refused, SelfSubjectAccessReview, y/N confirmation, then the
 * write. verb is the command's name, arg what follows it. */
void		 day2_run(struct app *, const char *verb, const char *arg);
/* "NS/NAME" or "NAME" (in the current namespace); -1 with a message. */
int		 command_split_name(struct app *, const char *arg, char *ns,
		    size_t nslen, const char **name);

/* --- prompt.c: the footer's line of input -------------------------------- */

/* Open the prompt (':' or '/') with text in it. */
void	 app_prompt(struct app *, int kind, const char *text);
/* Ask question in the footer, followed by app_yes_no's keys; the next
 * key answers: cb(arg, 1) for the confirm action (y or Y by default),
 * cb(arg, 0) for any other. */
void	 app_confirm(struct app *, const char *question,
	    void (*cb)(void *, int yes), void *arg);
/* The keys of a question as bound now: "[y/N]" by default; static. */
const char *app_yes_no(struct app *);
/* Ask to delete ns/name of res (a question, app_confirm; a cluster needs
 * its name typed). Refused under --readonly. */
void	 app_delete_ask(struct app *, const struct scs_resource *,
	    const char *ns, const char *name);
/* Label (annotate 0) or annotate ns/name of res: the : line filled with
 * :label RESOURCE/NS/NAME for the user's KEY=VALUE and KEY- (day2.c
 * checks, asks and writes). Refused under --readonly. */
void	 app_meta_ask(struct app *, int annotate,
	    const struct scs_resource *, const char *ns, const char *name);
/* While a prompt or a question is open, the key is its: 1; else 0. */
int	 prompt_key(struct app *, int key);

/* --- app-draw.c: the console's frame ------------------------------------- */

#define KEYS_SHOW_MS	2500	/* the presenter overlay's last keys */

/* Header, the top view, footer, key overlay; refresh. */
void	 app_draw(struct app *);
/* Remember key for the presenter overlay (--show-keys). */
void	 app_keys_record(struct app *, int key);
/* Write the screen to path in format f (EXPORT_AUTO: by extension). */
int	 app_export(struct app *, const char *path, enum export_format f);

/* --- command.c: the : line --------------------------------------------- */

void	 command_run(struct app *, const char *cmd);
/* The n-th completion of prefix, or NULL. */
const char *command_complete(struct app *, const char *prefix, int n);

/* --- view.c: the stack of views ----------------------------------------- */

/*
 * A view is one screen body: a table, a describe/YAML view, an overview,
 * a cluster tree. The app keeps a stack; Esc pops it and the header shows
 * the trail. A view never sees a key: the app looks the key up in the
 * view's scope (the action table) and gives the view the action first;
 * what the view does not take (returns 0) is the app's.
 */
/* The object on a view's selected line (plugins run on it). */
struct view_object {
	const struct scs_resource *res;
	const char		*ns;		/* "" cluster-scoped */
	const char		*name;
	const char		*cluster;	/* its Cluster API cluster or
						 * NULL */
	struct scs_api		*api;		/* its context's */
};

struct view_ops {
	const char	*kind;
	void		(*draw)(struct view *, int y, int rows);
	/* The scope the view is in now: what keys mean in it. */
	enum scope	(*scope)(struct view *);
	/* Act: VIEW_HANDLED, VIEW_REDRAW, VIEW_CLOSE ORed, or 0. */
	int		(*action)(struct view *, enum action);
	/* While the view edits text (NULL: never), every key goes here
	 * first; 1 when it was taken as text. */
	int		(*text)(struct view *, int key);
	int		(*typing)(struct view *);	/* editing text now */
	/* The / line: filter a table, search a text view (NULL: none). */
	void		(*filter)(struct view *, const char *text);
	int		(*busy)(struct view *);		/* NULL = never */
	/* Help lines after the keys, or NULL; <ACTION> in one (an action's
	 * name: <back>, <entry-done>) is shown as its key bound now. */
	const char *const *notes;
	void		(*free)(struct view *);
	/* Mouse click at screen line y (NULL: ignored). */
	void		(*click)(struct view *, int y);
	/* Monotonic ms of the next redraw the view needs, or 0. */
	int64_t		(*wake)(struct view *);
	/* The object on the selected line: 0, or -1 when none (NULL: the
	 * view shows no objects). */
	int		(*object)(struct view *, struct view_object *);
};

struct view {
	const struct view_ops	*ops;
	struct app		*app;
	struct scs_api		*api;		/* its context; NULL: several */
	char			 crumb[96];	/* its part of the trail */
	void			*data;
};

struct view	*view_new(struct app *, const struct view_ops *, void *data,
		    const char *crumb_fmt, ...)
		    __attribute__((format(printf, 4, 5)));
void		 view_push(struct app *, struct view *);
/* Replace the whole stack with v. */
void		 view_root(struct app *, struct view *);
void		 view_pop(struct app *);
/* Give act to v (the top view): its VIEW_* flags; VIEW_CLOSE pops it. */
int		 view_act(struct app *, struct view *v, enum action act);
void		 view_clear(struct app *);
struct view	*view_top(struct app *);
/* "overview > clusters > prod-eu1" */
/* The same in at most cols columns where it can: the views between the
 * first and the last give way, oldest first, to one "…" (then the first
 * too). */
void		 view_trail(struct app *, char *buf, size_t len, int cols);
/* Draw v's body (what the app draws between header and footer). */
void		 view_draw(struct view *v, int y, int rows);
/* Title line of a view body, centred in the theme's title role; while
 * the context of the view being drawn does not answer, its stale mark
 * (live_stale) takes the right of the line in the warning role. */
void		 view_title(int y, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * A live list view's own part, the same in the tree, the trace, the
 * overviews and the alerts: the app, the lines with their cursor, and
 * the stores the view watches. A change in one of them marks the lines
 * stale and the screen dirty; the view is busy while one loads; with the
 * view they are unwatched and freed (or, taken from the app's pool, put
 * back). The view's data starts with its struct lview: lview_scope,
 * lview_click (and lview_free for a view with nothing else to free) then
 * serve as its ops.
 */
struct lview {
	struct app		 *app;
	enum scope		  scope;	/* the view's, fixed */
	struct list		  list;
	int			  stale;	/* build the lines again */
	uint64_t		  age_gen;	/* draw_ages_gen built at */
	struct scs_store	**stores;
	unsigned char		 *pooled;	/* app_store_get's */
	size_t			  nstores;
};

/* Stale from the start: the first draw builds the lines. */
void		 lview_init(struct lview *, struct app *, enum scope);
/* Watch s (NULL: nothing); pooled when it is app_store_get's (put back,
 * not freed). Returns s. */
struct scs_store *lview_watch(struct lview *, struct scs_store *s,
		    int pooled);
/* Is a store it watches loading or busy? */
int		 lview_busy(const struct lview *);
/* Are the lines to be built again (a store changed, a tick of the ages
 * drawn, lview.stale set)? Clears the mark: the caller builds them. */
int		 lview_due(struct lview *);
/* The conditions actions of a line's object (key) and of every object:
 * conditions shows them under key's line (again: hides), conditions-all
 * under every line; the lines are stale. 0 for other actions. */
int		 lview_conditions(struct lview *, enum action, const char *key,
		    char **expanded, int *all);
/* Ops: the view's scope; a click: the line clicked takes the cursor;
 * free: lview_done, then the data. */
enum scope	 lview_scope(struct view *);
void		 lview_click(struct view *, int y);
void		 lview_free(struct view *);
/* Unwatch and free (or put back) the stores, clear the lines. */
void		 lview_done(struct lview *);

/* --- view-table.c: resource tables as views ---------------------------- */

/* A table of res in ns (NULL = all; ignored when cluster-scoped). */
struct view	*tview_new(struct app *, const struct scs_resource *,
		    const char *ns);
/* The table of a table view, or NULL for other views. */
struct table	*tview_table(struct view *);

/* --- detail.c: describe / YAML of one object ---------------------------- */

/* Describe (yaml 0) or YAML view of res ns/name. */
struct view	*detail_view(struct app *, const struct scs_resource *,
		    const char *ns, const char *name, int yaml);
/* The same through api (another context's; NULL = the app's). */
struct view	*detail_view_api(struct app *, struct scs_api *,
		    const struct scs_resource *, const char *ns,
		    const char *name, int yaml);

/* The decoded kubeconfig of a cluster's kubeconfig Secret shown in v
 * (caller frees *text with scs_free_secret, and *name: the Secret's).
 * 0, or -1 when v shows no such Secret. */
int		 detail_kubeconfig(struct view *, char **text, size_t *len,
		    char **name);

/* --- tree.c: a cluster as a live tree ----------------------------------- */

struct view	*tree_view(struct app *, const char *ns, const char *name);
/* A cluster of another context ctx, reached through api. */
struct view	*tree_view_api(struct app *, struct scs_api *, const char *ctx,
		    const char *ns, const char *name);
/* The same in the open context named ctx (NULL: the app's), or NULL when
 * no open context has that name. */
struct view	*tree_view_ctx(struct app *, const char *ctx, const char *ns,
		    const char *name);

/* --- trace.c: a claim as crossplane beta trace shows it ------------- */

/* Claim (or composite) ns/name of res: claim, composite, composed. */
struct view	*trace_view(struct app *, const struct scs_resource *,
		    const char *ns, const char *name);

/* --- picker.c: choose one of a set -------------------------------------- */

/*
 * A small list with type-to-filter and the description of the focused
 * choice, drawn where its owner says. Typed characters filter (case-
 * insensitive substring); Backspace and C-u edit the filter. The moves,
 * taking and cancelling are actions of scope picker (pick-down, pick-up,
 * page-down, page-up, pick-first, pick-last, pick, pick-cancel: Down,
 * Up, PgDn, ... Enter, Esc by default): while a picker is open its owner's
 * scope is SCOPE_PICKER, it gives the actions to picker_action() and the
 * other keys (typed text) to picker_text(). Closed (open 0): only a listed
 * choice can be taken, Enter with nothing matching does nothing. Open:
 * the choices are suggestions and Enter on typed text that is no choice
 * takes the text (the owner validates it).
 *
 *	p = picker_new("class", choices, help, current, 0);
 *	... on an action: switch (picker_action(p, act)) {
 *	    case PICKER_CHOSEN: use picker_value(p); picker_free(p); ...
 *	    case PICKER_CANCELLED: picker_free(p); ...
 *	    case PICKER_OPEN: redraw
 *	    case PICKER_NOT_TAKEN: not the picker's (help): the app's }
 *	... on typed text: picker_text(p, eff, key); redraw
 *	... when drawing: picker_draw(p, eff, y, x, picker_height(p, max),
 *	    cols);
 *
 * choices: NULL-terminated, copied; help: one description per choice
 * (copied; NULL, or shorter: ends at its first NULL); current: the
 * choice focused first (may be NULL). Strings are drawn through
 * draw_cell (server text is safe).
 */
enum picker_state { PICKER_OPEN, PICKER_CHOSEN, PICKER_CANCELLED,
	PICKER_NOT_TAKEN };

struct picker;
struct picker	*picker_new(const char *title, const char *const *choices,
		    const char *const *help, const char *current, int open);
void		 picker_free(struct picker *);
enum picker_state picker_action(struct picker *, enum action);
/* Typed text for the filter (entry.c: characters, Backspace, C-u). */
void		 picker_text(struct picker *, const struct config_effective *,
		    int key);
/* The value taken (after PICKER_CHOSEN), else NULL; the picker owns it. */
const char	*picker_value(const struct picker *);
/* The focused choice, or NULL when nothing matches. */
const char	*picker_focused(const struct picker *);
/* Lines the picker wants (filter, choices, two of description), at most
 * max; draw it in rows x cols at y,x (at least 3 x 8). */
int		 picker_height(const struct picker *, int max);
void		 picker_draw(struct picker *, const struct config_effective *,
		    int y, int x, int rows, int cols);

/* --- form.c: the cluster form ------------------------------------------- */

/* Create a cluster in ns (reopens a kept draft); NULL with a message when
 * there is no namespace. */
struct view	*form_create_view(struct app *, const char *ns);
/* Edit (scale, upgrade, variables) cluster ns/name; act ACTION_SCALE or
 * ACTION_UPGRADE starts at the replicas or the class. */
/* A new cluster in ns (NULL: the source's) filled from cluster
 * src_ns/src_name: class, version, control plane, MachineDeployments,
 * every variable; the name empty. */
struct view	*form_clone_view(struct app *, const char *ns,
		    const char *src_ns, const char *src_name);
struct view	*form_edit_view(struct app *, const char *ns, const char *name,
		    enum action act);
/* Forget the kept draft of a new cluster in ns. */
void		 form_drop_draft(struct app *, const char *ns);
/* A new object of resource group/plural in ns, its form from the schema
 * the server publishes for the kind (a CRD's, /openapi/v3); created, a
 * ClusterStack opens its stack view, another kind its describe. NULL
 * with a message when the server has no such resource or ns is NULL. */
struct view	*form_kind_view(struct app *, const char *ns, const char *group,
		    const char *plural);

/* --- fleet.c: several management clusters ------------------------------ */

/* Add the contexts of the comma-separated list (the app's own context is
 * skipped) as further sources of clusters; replaces earlier ones. */
void		 fleet_open(struct app *, const char *list);
void		 fleet_close(struct app *);
/* Every source, the app's own first: its clusters store (NULL while not
 * connected), context name, API and state text. Returns how many. */
size_t		 fleet_sources(struct app *, struct scs_store **,
		    const char **names, struct scs_api **, const char **states,
		    size_t max);
int		 fleet_busy(struct app *);
/* The clusters of every context in one table, with a CONTEXT column. */
struct view	*fleet_table_view(struct app *);

/* --- help.c: the keys of a view ---------------------------------------- */

/* The actions of v's scope (the view's own first, then the console's)
 * with their keys and help, and the view's notes. */
struct view	*help_view(struct app *, struct view *v);

/* --- stack.c: a ClusterStack and what hangs off it ---------------------- */

struct view	*stack_view(struct app *, const char *ns, const char *name);

/* --- pins.c: provider rules (pins, admission policies) ------------------ */

/* The pins of namespace ns (:pins). */
struct view	*pins_view(struct app *, const char *ns);
/* Every ValidatingAdmissionPolicy and binding that matches Clusters. */
struct view	*policies_view(struct app *);
/* Is v the pins view of ns? */
int		 pins_view_is(const struct view *, const char *ns);
/* Pin key to input (NULL: unpin) in the pins view v: checks, preview,
 * server dry run, then y/N. */
void		 pins_change(struct view *v, const char *key,
		    const char *input);
/*
 * Completion in the pins view v of what follows ":pin NS " or ":unpin
 * NS ": with pin NULL the i-th key (pin: kubernetes.version, then
 * variable.NAME for every variable of the namespace's classes; unpin:
 * the keys pinned); with pin (a key) the i-th value the variable's schema
 * offers (its enum, true and false, its default; non-strings as JSON
 * text, as pins hold them). NULL past the end; valid until the next
 * call.
 */
const char	*pins_candidate(const struct view *v, int unpin,
		    const char *pin, size_t i);

/* --- overview.c: the persona home views --------------------------------- */

struct view	*overview_view(struct app *, enum scs_persona);

/* --- live.c: a context's liveness on screen -------------------------- */

/* "no answer for 17s" (in buf) while api does not answer, else state. */
const char	*live_state(struct scs_api *, const char *state, char *buf,
		    size_t len);
/* "⚠ stale: data from 22:41:07, 2m ago" in buf while api does not answer
 * (1), else 0. */
int		 live_stale(struct scs_api *, char *buf, size_t len);
/* "22:41:07, 2m ago" for wall-clock seconds t ("never" for 0). */
void		 live_when(int64_t t, char *buf, size_t len);
/* Contexts (the app's and the fleet's) that do not answer. */
size_t		 live_lost(struct app *);

/* --- status.c: contexts and their errors ----------------------------- */

struct view	*status_view(struct app *);

/* --- alerts.c: on-call alerts ------------------------------------------- */

struct alerts	*alerts_new(void);
void		 alerts_free(struct alerts *);
/* Compare context ctx's clusters index with what was seen before in it:
 * a cluster that turned failed or degraded raises an alert; returns how
 * many new. The first call for a context only learns its state. */
int		 alerts_update(struct alerts *, const char *ctx,
		    const struct scs_index *);
/* Has context ctx's state been learnt yet? */
int		 alerts_known(struct alerts *, const char *ctx);
size_t		 alerts_count(const struct alerts *);	/* unacknowledged */
struct view	*alerts_view(struct app *);

#endif
