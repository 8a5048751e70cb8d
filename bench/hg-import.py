# Reads the subset of `git fast-import`'s stream that bench/scm-repos.ts writes (commit, mark,
# author, committer, data, from, `M 100644 inline`) and commits it into a new Mercurial
# repository (argv[1]) through Mercurial's own API, all in one transaction: `hg commit` once
# per commit would take an hour for 50,000 commits. Run by the Python that runs `hg`.
import sys

from mercurial import context, hg, node, ui as uimod


def read_stream(stream):
    line = stream.readline

    def data():
        header = line().rstrip(b"\n")
        assert header.startswith(b"data "), header
        body = stream.read(int(header[5:]))
        line()  # the newline after the data
        return body

    commit = None
    while True:
        row = line()
        if not row:
            break
        row = row.rstrip(b"\n")
        if row.startswith(b"commit "):
            commit = {"files": {}, "from": None}
        elif row.startswith(b"mark "):
            commit["mark"] = row[5:]
        elif row.startswith(b"author "):
            commit["author"] = row[7:]
        elif row.startswith(b"committer "):
            commit["message"] = data()
        elif row.startswith(b"from "):
            commit["from"] = row[5:]
        elif row.startswith(b"M 100644 inline "):
            commit["files"][row[len(b"M 100644 inline ") :]] = data()
        elif row == b"" and commit is not None:
            yield commit
            commit = None
    if commit is not None:
        yield commit


def main():
    ui = uimod.ui.load()
    ui.setconfig(b"ui", b"interactive", b"false")
    repo = hg.repository(ui, sys.argv[1].encode(), create=True)
    marks = {}
    parent = node.nullid
    with repo.wlock(), repo.lock(), repo.transaction(b"bench-import"):
        for commit in read_stream(sys.stdin.buffer):
            name_mail, _, when = commit["author"].rpartition(b">")
            seconds, zone = when.split()
            user = name_mail + b">"
            p1 = marks[commit["from"]] if commit["from"] else parent
            files = commit["files"]

            def filectx(repo, ctx, path, files=files):
                return context.memfilectx(repo, ctx, path, files[path])

            ctx = context.memctx(
                repo,
                (p1, node.nullid),
                commit["message"],
                sorted(files),
                filectx,
                user=user,
                date=b"%s 0" % seconds,
            )
            parent = repo.commitctx(ctx)
            marks[commit["mark"]] = parent


main()
