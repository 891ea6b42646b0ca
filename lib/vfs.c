/* sync_file_range is Linux's; without it the VFS is the default one */
#define _GNU_SOURCE

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <unistd.h>

#include "vfs.h"

#if defined(SYNC_FILE_RANGE_WRITE)

/*
 * A -wal file: SQLite's own file, followed in memory by ours. lo..hi spans
 * the bytes written since the last hand-off or sync. The writing out runs
 * on a thread of the file's own, started when first needed: starting it
 * costs the caller the kernel's work of allocating blocks and queueing
 * them, which on the thread that does SQLite's work cost more time than
 * the fsync it saved.
 */
struct wal_file {
	sqlite3_file base;
	sqlite3_file *real;
	const char *path;	/* SQLite's; valid until xClose */
	sqlite3_int64 lo, hi;
	int state;		/* IDLE, RUNNING or NONE (could not start) */
	int fd;			/* ours, while RUNNING */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	sqlite3_int64 out_lo, out_hi;	/* handed to the thread (mu) */
	int stop;			/* (mu) */
};

enum { IDLE, RUNNING, NONE };

static sqlite3_vfs vfs;
static sqlite3_vfs *base_vfs;
static atomic_llong written_out;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int registered;

static struct wal_file *
wal(sqlite3_file *f)
{
	return (struct wal_file *)f;
}

/* Widens *lo..*hi to take in from..to; an empty span (lo == hi) becomes it. */
static void
widen(sqlite3_int64 *lo, sqlite3_int64 *hi, sqlite3_int64 from,
    sqlite3_int64 to)
{
	if (*lo == *hi) {
		*lo = from;
		*hi = to;
		return;
	}
	if (from < *lo)
		*lo = from;
	if (to > *hi)
		*hi = to;
}

/*
 * The file's writer: starts writing out each range it is handed, without
 * waiting for the disk. Failing costs nothing but speed: the COMMIT's
 * fsync writes whatever is still there.
 */
static void *
writer(void *arg)
{
	struct wal_file *w = arg;
	sqlite3_int64 lo, hi;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (w->out_lo == w->out_hi && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		/* what was handed over is written out, even when told to
		 * stop: one call more, and a count that does not depend on
		 * how the threads ran */
		if (w->out_lo == w->out_hi)
			break;
		lo = w->out_lo;
		hi = w->out_hi;
		w->out_lo = w->out_hi = 0;
		pthread_mutex_unlock(&w->mu);
		if (sync_file_range(w->fd, lo, hi - lo,
		    SYNC_FILE_RANGE_WRITE) == 0)
			atomic_fetch_add(&written_out, hi - lo);
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void
start_writer(struct wal_file *w)
{
	w->state = NONE;
	if ((w->fd = open(w->path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	w->out_lo = w->out_hi = 0;
	w->stop = 0;
	if (pthread_mutex_init(&w->mu, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&w->cv, NULL) != 0) {
		pthread_mutex_destroy(&w->mu);
		goto fail;
	}
	if (pthread_create(&w->thread, NULL, writer, w) != 0) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		goto fail;
	}
	w->state = RUNNING;
	return;
fail:
	close(w->fd);
}

/* Hands lo..hi to the file's writer, merged with what it has not taken. */
static void
write_out(struct wal_file *w)
{
	if (w->state == IDLE)
		start_writer(w);
	if (w->state == RUNNING) {
		pthread_mutex_lock(&w->mu);
		widen(&w->out_lo, &w->out_hi, w->lo, w->hi);
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
	}
	w->lo = w->hi = 0;
}

static int
wal_close(sqlite3_file *f)
{
	struct wal_file *w = wal(f);

	if (w->state == RUNNING) {
		pthread_mutex_lock(&w->mu);
		w->stop = 1;
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		close(w->fd);
	}
	return w->real->pMethods->xClose(w->real);
}

static int
wal_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return wal(f)->real->pMethods->xRead(wal(f)->real, buf, n, off);
}

static int
wal_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	struct wal_file *w = wal(f);
	int rc = w->real->pMethods->xWrite(w->real, buf, n, off);

	if (rc != SQLITE_OK)
		return rc;
	widen(&w->lo, &w->hi, off, off + n);
	if (w->hi - w->lo >= SVC_VFS_WRITE_OUT)
		write_out(w);
	return SQLITE_OK;
}

static int
wal_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct wal_file *w = wal(f);

	if (w->hi > size)
		w->hi = size;
	if (w->lo >= w->hi)
		w->lo = w->hi = 0;
	return w->real->pMethods->xTruncate(w->real, size);
}

static int
wal_sync(sqlite3_file *f, int flags)
{
	struct wal_file *w = wal(f);
	int rc = w->real->pMethods->xSync(w->real, flags);

	/* all of it is on the disk now: nothing left to hand off */
	if (rc == SQLITE_OK)
		w->lo = w->hi = 0;
	return rc;
}

static int
wal_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return wal(f)->real->pMethods->xFileSize(wal(f)->real, size);
}

static int
wal_lock(sqlite3_file *f, int level)
{
	return wal(f)->real->pMethods->xLock(wal(f)->real, level);
}

static int
wal_unlock(sqlite3_file *f, int level)
{
	return wal(f)->real->pMethods->xUnlock(wal(f)->real, level);
}

static int
wal_reserved(sqlite3_file *f, int *out)
{
	return wal(f)->real->pMethods->xCheckReservedLock(wal(f)->real, out);
}

static int
wal_control(sqlite3_file *f, int op, void *arg)
{
	return wal(f)->real->pMethods->xFileControl(wal(f)->real, op, arg);
}

static int
wal_sector(sqlite3_file *f)
{
	return wal(f)->real->pMethods->xSectorSize(wal(f)->real);
}

static int
wal_device(sqlite3_file *f)
{
	return wal(f)->real->pMethods->xDeviceCharacteristics(wal(f)->real);
}

/*
 * Version 1: SQLite maps shared memory and pages through the database
 * file's methods, never a log's.
 */
static const sqlite3_io_methods wal_methods = {
	1, wal_close, wal_read, wal_write, wal_truncate, wal_sync, wal_size,
	wal_lock, wal_unlock, wal_reserved, wal_control, wal_sector,
	wal_device, NULL, NULL, NULL, NULL, NULL, NULL
};

static int
open_file(sqlite3_vfs *v, const char *path, sqlite3_file *f, int flags,
    int *out)
{
	struct wal_file *w = wal(f);
	int rc;

	(void)v;
	/* everything else is SQLite's file as it made it, in our space */
	if (!(flags & SQLITE_OPEN_WAL) || path == NULL)
		return base_vfs->xOpen(base_vfs, path, f, flags, out);
	w->base.pMethods = NULL;
	w->real = (sqlite3_file *)(w + 1);
	w->path = path;
	w->lo = w->hi = 0;
	w->state = IDLE;
	rc = base_vfs->xOpen(base_vfs, path, w->real, flags, out);
	/* SQLite closes a file whose methods are set, even after an error */
	if (w->real->pMethods != NULL)
		w->base.pMethods = &wal_methods;
	return rc;
}

static void
register_vfs(void)
{
	if ((base_vfs = sqlite3_vfs_find(NULL)) == NULL)
		return;
	vfs = *base_vfs;
	vfs.zName = "svc";
	vfs.szOsFile = (int)sizeof(struct wal_file) + base_vfs->szOsFile;
	vfs.xOpen = open_file;
	vfs.pNext = NULL;
	registered = sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
}

const char *
svc_vfs(void)
{
	pthread_once(&once, register_vfs);
	return registered ? vfs.zName : NULL;
}

long long
svc_vfs_written_out(void)
{
	return atomic_load(&written_out);
}

#else

const char *
svc_vfs(void)
{
	return NULL;
}

long long
svc_vfs_written_out(void)
{
	return 0;
}

#endif
