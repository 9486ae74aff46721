/*
 * api-int.h: internals shared by api.c, watch.c and api-discover.c (the
 * api object and its calls). Not for other core files.
 */
#ifndef SCS_API_INT_H
#define SCS_API_INT_H

#include "scs/api.h"

#define API_MAX_LINE	(16u * 1024 * 1024)
#define API_MAX_BODY	(64u * 1024 * 1024)

enum api_kind {
	API_PLAIN,
	API_WATCH,
	API_DISCOVER,
	API_CHILD,		/* one GET of a discovery run */
	API_PROBE,		/* GET /version: is the server alive? */
	API_LIST		/* a list decoded as it arrives */
};

struct live_sub {
	scs_live_cb	 cb;
	void		*arg;
};

struct scs_api {
	struct scs_http		*http;
	struct scs_auth		*auth;
	struct scs_target	*target;
	char			*base;		/* server URL without trailing '/' */
	int			 readonly;
	char			*user_agent;
	long			 timeout_ms;
	char			**id_headers;	/* User-Agent, Impersonate-*: NULL-terminated */
	struct scs_discovery	*disc;
	struct scs_api_call	*calls;
	int			 watch_list;	/* scs_api_watch_list */

	/* Liveness (api-live.c). */
	int64_t			 alive_ms;	/* last sign of life */
	int64_t			 alive_wall_s;
	int64_t			 lost_ms;	/* when found unresponsive */
	int64_t			 back_ms;	/* when it answered again */
	long			 silence_ms;	/* probe after this */
	long			 probe_ms;	/* probe timeout */
	int			 unresponsive;
	unsigned		 probes_failed;
	unsigned		 errors;	/* connection errors seen */
	char			*last_error;
	int64_t			 last_error_wall_s;
	struct scs_api_call	*probe;
	uint64_t		 live_timer;
	uint64_t		 notify_timer;
	enum scs_live_event	 pending_event;
	struct live_sub		*live_subs;
	size_t			 nlive_subs;
};

struct scs_api_call {
	struct scs_api		*api;
	struct scs_api_call	*next;
	struct scs_api_call	*prev;
	enum api_kind		 kind;
	char			*method;
	char			*path;		/* path and query */
	char			*content_type;
	char			*accept;	/* NULL: application/json */
	char			*body;
	size_t			 body_len;
	scs_api_cb		 cb;
	scs_watch_cb		 wcb;
	void			*arg;

	struct scs_http_call	*hc;
	uint64_t		 timer;		/* pending async failure */
	enum scs_status		 fail;
	char			*fail_msg;
	int			 waiting_auth;
	int			 retried_401;
	int			 in_cb;
	int			 cancelled;

	/* Watch. */
	struct scs_lines	 lines;
	enum scs_status		 wstatus;	/* why we stopped the stream */
	struct scs_api_error	*werr;
	char			*wmsg;
	long			 low_speed_s;
	long			 timeout_ms;	/* 0: the api's */
	int			 lean;		/* drop managedFields */

	/* A list decoded as it arrives (API_LIST). */
	struct scs_list_split	 split;
	scs_item_cb		 icb;
	enum scs_status		 lstatus;	/* why we stopped it */

	/* Discovery (API_DISCOVER) and its children (API_CHILD). */
	struct scs_api_call	*parent;
	struct scs_discovery	*building;
	size_t			 nchildren;
	int			 phase;		/* 0: /api + /apis, 1: group-versions */
	enum scs_status		 dstatus;
	char			*dmsg;
};

/* api.c */
struct scs_api_call *api_call_new(struct scs_api *, enum api_kind,
		    const char *method, const char *path, scs_api_cb, void *);
void		 api_call_send(struct scs_api_call *);
/* Unlink and free (cancels what is still outstanding; no callbacks). */
void		 api_call_free(struct scs_api_call *);
/* Deliver res to the call's callback, then free the call. */
void		 api_call_deliver(struct scs_api_call *,
		    struct scs_api_result *);
/* Fill res (status, json, error, message) from a response; free with
 * api_result_clear. */
void		 api_result_from(struct scs_api_result *,
		    const struct scs_http_response *);
void		 api_result_clear(struct scs_api_result *);

/* api-live.c */
/* Any answer, watch event or bookmark: the server is alive. */
void		 api_live_alive(struct scs_api *);
/* A call ended without an answer (connection refused, timeout). */
void		 api_live_error(struct scs_api *, const char *message);
void		 api_live_free(struct scs_api *);

/* watch.c */
int		 watch_on_data(const char *, size_t, void *);
void		 watch_on_done(struct scs_api_call *,
		    const struct scs_http_response *);

/* api-stream.c */
int		 list_on_data(const char *, size_t, void *);
void		 list_on_done(struct scs_api_call *,
		    const struct scs_http_response *);

/* api-discover.c */
void		 discover_child_done(struct scs_api_call *,
		    const struct scs_api_result *);
void		 discover_cancel(struct scs_api_call *);

#endif
