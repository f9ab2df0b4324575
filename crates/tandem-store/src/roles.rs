//! The PostgreSQL least-privilege runtime role (ADR 0015).
//!
//! The database's triggers keep audit events append-only and the chain's head moving forward,
//! but a superuser or a table's owner can switch triggers off (`session_replication_role`,
//! `ALTER TABLE … DISABLE TRIGGER`, `DROP TRIGGER`). So the role that owns the schema runs the
//! migrations, and `tandem serve` connects as a role that owns nothing and may only read and
//! write rows: on the audit tables it may read and append, and move the head (which the
//! trigger guards), nothing else — no UPDATE or DELETE of events, no TRUNCATE.

use crate::error::StoreError;
use crate::pool::{Backend, Store};

/// Why the runtime role was not granted its rights.
#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    /// Roles are PostgreSQL's; the embedded database has none.
    #[error("roles exist only on PostgreSQL; the embedded SQLite database has none")]
    NotPostgres,
    /// Not a plain lower-case identifier (it is spliced into GRANT statements).
    #[error("the role name must be lower-case letters, digits and '_', starting with a letter")]
    BadName,
    /// No such role.
    #[error("there is no role `{0}`; create it first (CREATE ROLE {0} LOGIN PASSWORD '…')")]
    Missing(String),
    /// A superuser bypasses every privilege and can switch triggers off.
    #[error("`{0}` is a superuser and can switch the audit triggers off; use a plain role")]
    Superuser(String),
    /// The role owns (or is a member of the owner of) the tables, so it could alter them.
    #[error("`{0}` owns the tables (or is a member of their owner); use a role that owns nothing")]
    Owner(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for RoleError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

/// The audit tables' rights, granted after the general ones have been revoked from them.
const AUDIT_GRANTS: &[(&str, &str)] = &[
    ("audit_events", "SELECT, INSERT"),
    // The single chain of before is closed (ADR 0018): its head is only read.
    ("audit_head", "SELECT"),
    // Each organization's chain: created on its first event, its head moved by the trigger.
    ("audit_chains", "SELECT, INSERT, UPDATE"),
    // The schema-version guard reads which migrations were applied.
    ("_sqlx_migrations", "SELECT"),
];

impl Store {
    /// Grants `role` what `tandem serve` needs on the current schema and nothing more: rows of
    /// every table read and written, but on the audit tables only reading and appending (and
    /// moving the head forward). Run it as the owner, after every `tandem migrate` (tables
    /// added later are not covered by an earlier grant).
    ///
    /// # Errors
    /// [`RoleError`] when the role is unsuitable or the backend is SQLite; a database error.
    pub async fn grant_runtime_role(&self, role: &str) -> Result<(), RoleError> {
        if self.backend() != Backend::Postgres {
            return Err(RoleError::NotPostgres);
        }
        if !is_plain_identifier(role) {
            return Err(RoleError::BadName);
        }
        let crate::pool::BackendPool::Postgres(pool) = self.backend_pool() else {
            return Err(RoleError::NotPostgres);
        };
        let mut tx = pool.begin().await?;
        let found: Option<(bool, bool)> = sqlx::query_as(
            "SELECT r.rolsuper, pg_has_role(r.oid, c.relowner, 'MEMBER') \
             FROM pg_roles r, pg_class c WHERE r.rolname = $1 AND c.oid = 'audit_events'::regclass",
        )
        .bind(role)
        .fetch_optional(&mut *tx)
        .await?;
        match found {
            None => return Err(RoleError::Missing(role.to_owned())),
            Some((true, _)) => return Err(RoleError::Superuser(role.to_owned())),
            Some((_, true)) => return Err(RoleError::Owner(role.to_owned())),
            Some(_) => {}
        }
        let schema: String = sqlx::query_scalar("SELECT current_schema()")
            .fetch_one(&mut *tx)
            .await?;
        let schema = quote_identifier(&schema);
        let mut sql = format!(
            "GRANT USAGE ON SCHEMA {schema} TO {role};\n\
             REVOKE CREATE ON SCHEMA {schema} FROM {role};\n\
             REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role};\n\
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};\n\
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role};\n"
        );
        for (table, rights) in AUDIT_GRANTS {
            sql.push_str(&format!(
                "REVOKE ALL ON {schema}.{table} FROM {role};\nGRANT {rights} ON {schema}.{table} TO {role};\n"
            ));
        }
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A lower-case identifier that needs no quoting: a letter or `_`, then letters, digits, `_`.
fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= 63
}

/// `name` as a quoted SQL identifier.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_role_names_are_spliced_into_grants() {
        assert!(is_plain_identifier("tandem_runtime"));
        assert!(!is_plain_identifier("Tandem"));
        assert!(!is_plain_identifier("x; DROP TABLE users"));
        assert!(!is_plain_identifier("1x"));
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
    }
}
