-- Policy profiles: the deadlines a channel's cases run on (acknowledgement, feedback, extension,
-- waivers, working days), per organisation and versioned; every case records the version it ran on.
-- Presets are rows like any other (marked, read-only); admins copy and edit them. A channel without
-- a profile runs on its organisation's "EU internal channel" preset.
CREATE TABLE policy_profile
(
    id              UUID PRIMARY KEY,
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    name            TEXT                     NOT NULL,
    preset          TEXT,
    current_version INTEGER                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX policy_profile_name_idx ON policy_profile (organization_id, lower(name));

CREATE TABLE policy_profile_version
(
    profile_id      UUID                     NOT NULL REFERENCES policy_profile (id),
    organization_id UUID                     NOT NULL REFERENCES organization (id),
    version         INTEGER                  NOT NULL,
    definition      JSONB                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (profile_id, version)
);

-- Days an organisation does not work, for deadlines counted in working days.
CREATE TABLE holiday
(
    organization_id UUID NOT NULL REFERENCES organization (id),
    day             DATE NOT NULL,
    name            TEXT NOT NULL,
    PRIMARY KEY (organization_id, day)
);

ALTER TABLE channel ADD COLUMN policy_profile_id UUID REFERENCES policy_profile (id);
