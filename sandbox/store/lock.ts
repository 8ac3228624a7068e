import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** Lock files this process holds (a second sandbox in one process is refused too). */
const held = new Set<string>()

/** The file as a person at this terminal would type it: relative inside the working directory. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/** False only when no process has this id (EPERM: one exists, another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The process id a lock file names; undefined when it is gone or names none. */
function holderOf(lockPath: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim())
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * Creates the lock file holding this process's id, or throws EEXIST. It is written
 * aside and linked into place, so no one ever reads it half-written (empty).
 */
function create(lockPath: string): void {
  const aside = `${lockPath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`
  fs.writeFileSync(aside, `${process.pid}\n`)
  try {
    fs.linkSync(aside, lockPath)
  } finally {
    fs.rmSync(aside, { force: true })
  }
}

/**
 * Takes `<file>.lock` for this process, so that one sandbox at a time uses a database
 * file: two on one file break each other's work (ids drawn twice from the same seeded
 * state fail as duplicates, writes meet `database is locked`). A live holder is named
 * in the error; a lock whose process is gone (killed, crashed) is taken over. Returns
 * the release, which removes the file.
 *
 * Our own rather than proper-lockfile: that one cannot say which process holds a file,
 * and it knows a dead holder only by its lock's age (10 s by default, so a restart
 * right after a crash is refused), kept young by a timer that calls the lock
 * compromised, by default throwing, when the event loop stalls that long (a debugger's
 * breakpoint). A process id answers both at once.
 * Two sandboxes taking over one dead process's lock at the same instant may both
 * succeed: the window is the few microseconds between seeing it dead and re-creating.
 */
export function lockDatabase(file: string): () => void {
  const lockPath = `${path.resolve(file)}.lock`
  fs.mkdirSync(path.dirname(lockPath), { recursive: true })
  for (let attempt = 1; ; attempt += 1) {
    try {
      create(lockPath)
      held.add(lockPath)
      let released = false
      return () => {
        if (released) return
        released = true
        held.delete(lockPath)
        if (holderOf(lockPath) === process.pid) fs.rmSync(lockPath, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const pid = holderOf(lockPath)
    // This process's own id in a lock it does not hold: an earlier process had that id
    // (a restarted container), so that one is gone too.
    const live =
      pid !== undefined && (held.has(lockPath) || (pid !== process.pid && isRunning(pid)))
    if (live || attempt === 3) {
      throw new Error(
        `${shown(path.resolve(file))} is in use by another sandbox (pid ${pid ?? 'unknown'}); stop it, or set SANDBOX_DB to another file`,
      )
    }
    fs.rmSync(lockPath, { force: true })
  }
}
