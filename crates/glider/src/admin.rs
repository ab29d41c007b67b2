//! `glider admin …`: operator commands against the configured database (safe while the
//! server runs).

use anyhow::Context;
use glider_domain::{WorkspaceRole, values::Email};
use glider_service::{
    ServiceError,
    accounts::{api_tokens, auth},
    workspaces::{self, members},
};
use serde_json::{Value, json};

use crate::{cli::AdminCommand, config::Config, serve};

mod emails;

pub(crate) fn describe(error: ServiceError) -> anyhow::Error {
    match error {
        ServiceError::Validation(fields) => {
            let list: Vec<String> = fields
                .0
                .iter()
                .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
                .collect();
            anyhow::anyhow!("invalid input: {}", list.join("; "))
        }
        ServiceError::Conflict { message, .. } => anyhow::anyhow!("{message}"),
        ServiceError::NotFound { resource } => anyhow::anyhow!("{resource} not found"),
        other => anyhow::anyhow!("{other}"),
    }
}

fn print(json_output: bool, value: Value, text: String) {
    if json_output {
        println!("{value}");
    } else {
        println!("{text}");
    }
}

async fn user_by_email(
    ctx: &glider_service::Ctx,
    email: &str,
) -> anyhow::Result<glider_domain::model::accounts::User> {
    let email = Email::parse("email", email).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    glider_db::repo::accounts::find_user_by_email(ctx.db.conn(), &email)
        .await
        .with_context(|| format!("no user with e-mail {}", email.as_str()))
}

pub async fn run(config: &Config, command: AdminCommand) -> anyhow::Result<()> {
    let ctx = serve::context(config).await?;
    let result = execute(&ctx, command).await;
    ctx.db.close().await;
    result
}

async fn execute(ctx: &glider_service::Ctx, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateUser {
            email,
            password,
            name,
            json,
        } => {
            let (first_name, last_name) = match name.as_deref().map(str::trim) {
                Some(full) => match full.split_once(' ') {
                    Some((first, last)) => (Some(first.to_owned()), Some(last.to_owned())),
                    None => (Some(full.to_owned()), None),
                },
                None => (None, None),
            };
            let input = auth::RegisterInput {
                email,
                password,
                first_name,
                last_name,
                display_name: name,
            };
            let user = auth::create_user(ctx, input).await.map_err(describe)?;
            print(
                json,
                json!({ "id": user.id, "email": user.email }),
                format!("created user {} ({})", user.email.as_str(), user.id),
            );
        }
        AdminCommand::CreateWorkspace {
            owner,
            slug,
            name,
            json,
        } => {
            let owner = user_by_email(ctx, &owner).await?;
            let mut body = serde_json::Map::new();
            body.insert("slug".to_owned(), json!(slug));
            if let Some(name) = name {
                body.insert("name".to_owned(), json!(name));
            }
            let workspace = workspaces::create(ctx, owner.id, &body)
                .await
                .map_err(describe)?;
            print(
                json,
                json!({ "id": workspace.id, "slug": workspace.slug }),
                format!("created workspace {} ({})", workspace.slug, workspace.id),
            );
        }
        AdminCommand::AddMember {
            workspace,
            email,
            role,
            json,
        } => {
            let user = user_by_email(ctx, &email).await?;
            let role = WorkspaceRole::from_stored(&role)
                .context("role must be owner, admin, member or guest")?;
            let found = workspaces::as_owner(ctx, &workspace)
                .await
                .map_err(describe)?;
            let admin = found
                .access
                .admin()
                .map_err(|_| anyhow::anyhow!("the workspace owner lacks admin rights"))?;
            members::add(ctx, &admin, user.id, role)
                .await
                .map_err(describe)?;
            let value = json!({ "workspace": found.workspace.slug, "user_id": user.id, "email": user.email, "role": role });
            print(
                json,
                value,
                format!(
                    "{} is now {} of {}",
                    user.email.as_str(),
                    role.as_str(),
                    found.workspace.slug
                ),
            );
        }
        AdminCommand::Emails {
            status,
            limit,
            json,
        } => emails::list(ctx, status.as_deref(), limit, json).await?,
        AdminCommand::CreateApiToken { user, name, json } => {
            let user = user_by_email(ctx, &user).await?;
            let created = api_tokens::create(ctx, user.id, name.as_deref(), None)
                .await
                .map_err(describe)?;
            let value = json!({ "token": created.secret, "id": created.token.id, "name": created.token.name });
            print(json, value, created.secret.clone());
        }
    }
    Ok(())
}
