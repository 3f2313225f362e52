//! `amtsweg-municipal-api`: the reference server of the municipal API, and the commands
//! that make its keys and play the clerk (docs/municipalities.md, "Running the demo").

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use amtsweg_municipal_api::{Config, DEMO_ARS};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    version,
    about = "The reference server of Amtsweg's municipal API (FIT-Connect formats)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (makes the keys and the database on first start).
    Serve {
        /// The data folder: database and keys.
        #[arg(long)]
        data: PathBuf,
        /// The port; 0 takes any free one (printed when ready).
        #[arg(long, default_value_t = 8787)]
        port: u16,
        /// The address to listen on; plain HTTP belongs on loopback only (put HTTPS in
        /// front of anything else).
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// The base URL as published in the catalog directory (assertions' audience,
        /// events' issuer); defaults to http://<bind>:<port>.
        #[arg(long)]
        public_url: Option<String>,
        /// Sign the bundled catalog at start with this publisher key file.
        #[arg(long, conflicts_with = "catalog")]
        catalog_key: Option<PathBuf>,
        /// Serve this signed catalog package as it is.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// The regional key (ARS) of the municipality served.
        #[arg(long, default_value = DEMO_ARS)]
        ars: String,
        /// New installations per source address and hour.
        #[arg(long, default_value_t = 10)]
        registrations_per_hour: u32,
        /// Authenticated calls per installation and minute.
        #[arg(long, default_value_t = 120)]
        calls_per_minute: u32,
        /// Hours after which an announced, never submitted submission is forgotten.
        #[arg(long, default_value_t = 24)]
        announced_hours: u32,
        /// Seconds a request (with its body) may take.
        #[arg(long, default_value_t = 60)]
        request_timeout: u64,
        /// Largest attachment body in bytes (a compact JWE, a third larger than the file).
        #[arg(long, default_value_t = 16 * 1024 * 1024)]
        attachment_limit: usize,
        /// Largest submit body in bytes (encrypted metadata and data).
        #[arg(long, default_value_t = 2 * 1024 * 1024)]
        submit_limit: usize,
    },
    /// Make the keys and the database of a data folder, then exit.
    Init {
        #[arg(long)]
        data: PathBuf,
        #[arg(long, default_value = DEMO_ARS)]
        ars: String,
    },
    /// The clerk decides a case: forward, accept or reject (a rejection needs a reason).
    Decide {
        #[arg(long)]
        data: PathBuf,
        #[arg(long = "case")]
        case_id: String,
        #[arg(value_parser = ["forward", "accept", "reject"])]
        decision: String,
        #[arg(long)]
        reason: Option<String>,
        /// The issuer of the event: the server's public URL.
        #[arg(long, default_value = "http://127.0.0.1:8787")]
        public_url: String,
    },
    /// Print what arrived for a submission, decrypted (for demos and tests).
    Show {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        submission: String,
    },
    /// Make a new demo certificate authority into a folder (done once; committed).
    DemoCa {
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("AMTSWEG_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("amtsweg-municipal-api: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), amtsweg_municipal_api::MunicipalApiError> {
    match command {
        Command::Serve {
            data,
            port,
            bind,
            public_url,
            catalog_key,
            catalog,
            ars,
            registrations_per_hour,
            calls_per_minute,
            announced_hours,
            request_timeout,
            attachment_limit,
            submit_limit,
        } => {
            let mut config = Config::new(data);
            config.bind = SocketAddr::new(bind, port);
            config.public_url = public_url;
            config.catalog_key = catalog_key;
            config.catalog = catalog;
            config.ars = ars;
            config.registrations_per_hour = registrations_per_hour;
            config.calls_per_minute = calls_per_minute;
            config.announced_hours = announced_hours;
            config.request_timeout = Duration::from_secs(request_timeout);
            config.attachment_limit = attachment_limit;
            config.submit_limit = submit_limit;
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(amtsweg_municipal_api::serve(
                config,
                |address, public_url| {
                    // The one line on stdout: tests and `make run` wait for it.
                    println!("listening on http://{address} (published as {public_url})");
                },
                shutdown(),
            ))
        }
        Command::Init { data, ars } => amtsweg_municipal_api::init(&data, &ars),
        Command::Decide {
            data,
            case_id,
            decision,
            reason,
            public_url,
        } => {
            let jti = amtsweg_municipal_api::decide(
                &data,
                &case_id,
                &decision,
                reason.as_deref(),
                &public_url,
            )?;
            println!("{jti}");
            Ok(())
        }
        Command::Show { data, submission } => {
            let shown = amtsweg_municipal_api::show(&data, &submission)?;
            println!("{shown:#}");
            Ok(())
        }
        Command::DemoCa { out } => {
            let (cert, key) = amtsweg_municipal_api::make_demo_ca()?;
            std::fs::create_dir_all(&out)?;
            std::fs::write(out.join("demo-ca.crt.pem"), cert)?;
            std::fs::write(
                out.join("demo-ca.TEST-ONLY-NOT-SECRET.key.pem"),
                key.as_bytes(),
            )?;
            Ok(())
        }
    }
}

/// Stops on Ctrl-C or SIGTERM (how `make run` stops it with the app).
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
