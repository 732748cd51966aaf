/*
 * render-baseline OUT.png [N] — the render benchmark's baseline as its own
 * small process (cairo and pango only), so that it pays a process start-up,
 * a font map and a file write like `radar render -o OUT.png` does: N plain
 * circles and N labels (default 200) on a 1920x1080 canvas (baseline-draw.c),
 * written the way radar writes files (a temporary file beside OUT, fsync,
 * rename, fsync of the folder).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline-draw.h"

static int write_atomic(const char *path, const unsigned char *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	char dir[4096], tmp[4200];
	size_t done = 0;
	int fd, dfd;

	if (slash) {
		size_t n = slash == path ? 1 : (size_t)(slash - path);
		if (n >= sizeof(dir))
			return -1;
		memcpy(dir, path, n);
		dir[n] = 0;
	} else {
		strcpy(dir, ".");
	}
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmpXXXXXX", dir, slash ? slash + 1 : path);
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			unlink(tmp);
			return -1;
		}
		done += (size_t)n;
	}
	if (fsync(fd) < 0 || fchmod(fd, 0644) < 0 || close(fd) < 0 || rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	baseline_png png = { NULL, 0, 0 };
	PangoFontMap *fm;
	int n = argc > 2 ? atoi(argv[2]) : 200;

	if (argc < 2 || argc > 3 || n < 1) {
		fputs("usage: render-baseline OUT.png [N]\n", stderr);
		return 2;
	}
	fm = pango_cairo_font_map_new();
	if (baseline_draw(fm, n, 1920, 1080, &png))
		return 1;
	if (write_atomic(argv[1], png.buf, png.len)) {
		fprintf(stderr, "render-baseline: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("wrote %s (PNG, 1920x1080, %d circles, %d labels, %zu bytes)\n", argv[1], n, n,
	       png.len);
	free(png.buf);
	g_object_unref(fm);
	return 0;
}
