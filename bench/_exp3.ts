import Database from "better-sqlite3";
for (const sync of ["FULL", "NORMAL", "OFF"]) {
  const db = new Database(".run/bench-x.db");
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${sync}`);
  db.exec("create table if not exists t (id integer primary key, v text)");
  const ins = db.prepare("insert or replace into t (id, v) values (?, ?)");
  const t = performance.now();
  for (let i = 0; i < 500; i++) db.transaction(() => ins.run(i, "x".repeat(2000)))();
  console.log(sync, (performance.now() - t) / 500, "ms/txn");
  db.close();
}
