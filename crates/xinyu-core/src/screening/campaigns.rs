//! Instruments and campaigns: the school's own scales, campaigns with their instruments,
//! dates and grades, the guardians' notice and opt-outs, the review threshold per instrument.

use std::collections::HashSet;

use xinyu_vault::KeyClass;

use super::*;
use crate::Role;
use crate::error::{Deed, Existing, Field, Kind, Problem};
use crate::store::access_log::Action;
use crate::store::sealed::CAMPAIGNS;
use crate::vault::required;

/// A school's own instrument definition (TOML) read before the vault is taken: its text, as
/// it will be stored and vouched for, and what reading it gave.
#[derive(Debug)]
pub struct InstrumentUpload {
    text: String,
    parsed: std::result::Result<Instrument, xinyu_import::ImportError>,
}

impl InstrumentUpload {
    /// Read and check `definition` ([`Instrument::from_toml`]).
    pub fn read(definition: &str) -> Self {
        InstrumentUpload {
            text: definition.to_owned(),
            parsed: Instrument::from_toml(definition),
        }
    }
}

impl Screening<'_> {
    /// Every instrument this vault knows: the shipped ones and those the school added.
    pub fn instruments(&self) -> Result<Vec<Instrument>> {
        instruments(self.conn)
    }

    /// One instrument by id.
    pub fn instrument(&self, id: &str) -> Result<Instrument> {
        self.instruments()?
            .into_iter()
            .find(|i| i.id == id.trim())
            .ok_or(Error::NotFound {
                kind: Kind::Instrument,
            })
    }

    /// Add a school's own definition (counselor): checked on load, refused with every problem
    /// named; an id already known is refused.
    pub fn add_instrument(&mut self, definition: &str) -> Result<Instrument> {
        self.require(&[Role::Counselor], Deed::AddInstrument)?;
        self.add_parsed_instrument(InstrumentUpload::read(definition))
    }

    /// [`Screening::add_instrument`] for a definition already read ([`InstrumentUpload::read`]).
    /// A definition with problems is reported after the role check, as before.
    pub fn add_parsed_instrument(&mut self, upload: InstrumentUpload) -> Result<Instrument> {
        self.require(&[Role::Counselor], Deed::AddInstrument)?;
        let InstrumentUpload {
            text: definition,
            parsed,
        } = upload;
        let definition = definition.as_str();
        let def = parsed?;
        if self.instruments()?.iter().any(|i| i.id == def.id) {
            return Err(Error::Duplicate {
                what: Existing::Instrument { id: def.id.clone() },
            });
        }
        // Vouched for first: a definition that could not be vouched for is not added.
        crate::vault::directory::vouch_instrument(
            self.conn,
            &self.me().keyring,
            &def.id,
            definition,
        )?;
        self.conn
            .execute(
                "INSERT INTO custom_instruments (id, definition, added_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![def.id, definition, crate::vault::stamp(self.now())],
            )
            .map_err(|e| Error::storage("add instrument", e))?;
        self.log(Action::Create, "instrument", &def.id)?;
        Ok(def)
    }

    /// Screening is the counselor's: the role, and the casework key its records are sealed
    /// under. Returns the counselor's id.
    pub(super) fn counselor_casework(&mut self, deed: Deed) -> Result<String> {
        let me = self.require(&[Role::Counselor], deed)?.user.id.clone();
        self.require_class(KeyClass::Casework, deed)?;
        Ok(me)
    }

    /// Every campaign, newest first.
    pub fn campaigns(&mut self) -> Result<Vec<Campaign>> {
        self.counselor_casework(Deed::ViewCampaigns)?;
        let mut all: Vec<Campaign> = self
            .load_all(&CAMPAIGNS, "", [])?
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        all.sort_by_key(|c| std::cmp::Reverse(c.input.starts_on));
        Ok(all)
    }

    /// A campaign by id or by name.
    pub fn campaign(&mut self, id_or_name: &str) -> Result<Campaign> {
        let key = id_or_name.trim();
        self.campaigns()?
            .into_iter()
            .find(|c| c.id == key || c.input.name == key)
            .ok_or(Error::NotFound {
                kind: Kind::Campaign,
            })
    }

    fn insert_campaign(&mut self, c: &Campaign) -> Result<()> {
        let w = self.write()?;
        let at = w.at.clone();
        w.insert(&CAMPAIGNS, &c.id, c, &[("created_at", &at)])?;
        w.log(Action::Create, "campaign", &c.id)?;
        w.commit()
    }

    fn update_campaign(&mut self, c: &Campaign) -> Result<()> {
        let w = self.write()?;
        w.update(&CAMPAIGNS, &c.id, c, &[])?;
        w.log(Action::Update, "campaign", &c.id)?;
        w.commit()
    }

    /// Create a campaign (counselor): a unique name, known instruments, dates in order.
    pub fn create_campaign(&mut self, input: CampaignInput) -> Result<Campaign> {
        self.counselor_casework(Deed::CreateCampaign)?;
        let name = required(Field::ActivityName, &input.name)?.to_owned();
        if input.instruments.is_empty() {
            return Err(Error::Invalid {
                field: Field::Instrument,
                problem: Problem::NoInstrument,
            });
        }
        for id in &input.instruments {
            self.instrument(id)?;
        }
        if input.ends_on < input.starts_on {
            return Err(Error::Invalid {
                field: Field::EndDate,
                problem: Problem::EndsBeforeStart,
            });
        }
        if self.campaigns()?.iter().any(|c| c.input.name == name) {
            return Err(Error::Duplicate {
                what: Existing::Campaign { name: name.clone() },
            });
        }
        let campaign = Campaign {
            id: crate::id::new_id(),
            input: CampaignInput { name, ..input },
            thresholds: Vec::new(),
            notice: None,
            opt_outs: Vec::new(),
        };
        self.insert_campaign(&campaign)?;
        Ok(campaign)
    }

    /// Record the guardians' notice and the opt-outs (student ids) of a campaign.
    pub fn set_consent(
        &mut self,
        campaign_id: &str,
        notice: Option<ConsentNotice>,
        opt_outs: Vec<String>,
    ) -> Result<Campaign> {
        self.counselor_casework(Deed::RecordConsent)?;
        let mut c = self.campaign(campaign_id)?;
        let known: HashSet<String> = self
            .loaded_students()?
            .iter()
            .map(|s| s.id.clone())
            .collect();
        if opt_outs.iter().any(|id| !known.contains(id)) {
            return Err(Error::NotFound {
                kind: Kind::Student,
            });
        }
        c.notice = notice;
        c.opt_outs = opt_outs;
        self.update_campaign(&c)?;
        Ok(c)
    }

    /// Set a campaign's review threshold for one instrument.
    pub fn set_review_threshold(
        &mut self,
        campaign_id: &str,
        instrument: &str,
        threshold: u32,
    ) -> Result<Campaign> {
        self.counselor_casework(Deed::SetThreshold)?;
        let def = self.instrument(instrument)?;
        let mut c = self.campaign(campaign_id)?;
        let hi = def.bands.last().map_or(0, |b| b.max);
        if threshold > hi {
            return Err(Error::Invalid {
                field: Field::Threshold,
                problem: Problem::AboveMaxScore { max: hi },
            });
        }
        c.thresholds.retain(|(i, _)| i != &def.id);
        c.thresholds.push((def.id, threshold));
        self.update_campaign(&c)?;
        Ok(c)
    }
}
