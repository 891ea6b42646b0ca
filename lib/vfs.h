/*
 * vfs: the SQLite VFS that svc opens its ledgers with. It is the
 * platform's default VFS with one change: what SQLite writes to a
 * write-ahead log is handed to the kernel to write out a megabyte at a
 * time, so the disk works while a long transaction goes on and the
 * COMMIT's fsync finds little left to do. PostgreSQL does the same with
 * its WAL (wal_writer_flush_after).
 *
 * Only -wal files are touched. SQLite takes no POSIX locks on them, so a
 * descriptor of our own on one can be opened and closed at will; one on
 * the database file could not (closing it would drop every lock the
 * process holds there).
 */
#ifndef SVC_VFS_H
#define SVC_VFS_H

/* Bytes of log written before they are handed to the kernel. */
#define SVC_VFS_WRITE_OUT (1 << 20)

/*
 * Registers the VFS on the first call (from any thread) and returns its
 * name, to pass to sqlite3_open_v2; NULL where it cannot be had (SQLite
 * then uses its default, which differs only in speed).
 */
const char *svc_vfs(void);

/*
 * Bytes of log that this process has handed to the kernel to write out
 * so far, over all connections.
 */
long long svc_vfs_written_out(void);

#endif
