/*
 * eco-bench-hello: the smallest handler on the portal's process model.  It
 * answers every request with a fixed page, so its throughput through nginx
 * is the ceiling of the FastCGI path on this machine — benchmark (h).
 */
#include <stdio.h>

#include "server.h"

#define BODY	"<!DOCTYPE html><title>hello</title><p>hello</p>"

static char page[256];
static int page_len;

static void
serve(FCGX_Request *req, void *ud)
{
	(void)ud;
	FCGX_PutStr(page, page_len, req->out);
}

int
main(int argc, char **argv)
{
	struct eco_server_config c = { .name = "eco-bench-hello" };
	char err[512];

	if (eco_server_options(argc, argv, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "eco-bench-hello: %s\n", err);
		return 2;
	}
	page_len = snprintf(page, sizeof(page), "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n\r\n%s", sizeof(BODY) - 1, BODY);
	return eco_server_run(&c, NULL, serve, NULL);
}
