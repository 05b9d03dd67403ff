"""Named schema migrations, applied in order on open and recorded in ``_migrations``.

Never edit a migration that has shipped: add a new one. Names are stable identifiers.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "001_articles",
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT,
            url_key TEXT,
            outlet TEXT,
            title TEXT,
            dek TEXT,
            author TEXT,
            published TEXT,
            text TEXT NOT NULL,
            language TEXT,
            content_hash TEXT NOT NULL,
            duplicate_of INTEGER REFERENCES articles(id),
            duplicate_kind TEXT,
            similarity REAL,
            source TEXT NOT NULL,
            via TEXT NOT NULL,
            reactions TEXT NOT NULL DEFAULT '{}',
            extra TEXT NOT NULL DEFAULT '{}',
            ingested_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_url_key ON articles(url_key);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

        -- every place an article arrived from; re-ingesting the same source adds nothing
        CREATE TABLE sightings (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            source TEXT NOT NULL,
            via TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            content_hash TEXT NOT NULL,
            match TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (source, content_hash)
        );
        CREATE INDEX sightings_article ON sightings(article_id);

        CREATE TABLE minhashes (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            num_perm INTEGER NOT NULL,
            shingles INTEGER NOT NULL,
            signature BLOB NOT NULL
        );

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            counts TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE problems (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            source TEXT NOT NULL,
            line INTEGER,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        );
        """,
    ),
    (
        "002_analysis",
        """
        CREATE TABLE analyses (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            version TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            analysed_at TEXT NOT NULL
        );
        CREATE TABLE entities (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            entity_id TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            PRIMARY KEY (article_id, entity_id)
        );
        CREATE INDEX entities_name ON entities(name);
        CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            entity_id TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id, entity_id);
        CREATE TABLE roles (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            entity_id TEXT NOT NULL,
            person TEXT NOT NULL,
            title TEXT NOT NULL,
            org TEXT,
            modifier TEXT,
            as_of TEXT,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL
        );
        CREATE INDEX roles_article ON roles(article_id);
        CREATE TABLE quotes (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            direct INTEGER NOT NULL,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            speaker_id TEXT,
            speaker TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER
        );
        CREATE INDEX quotes_article ON quotes(article_id);
        CREATE TABLE time_exprs (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT,
            granularity TEXT,
            anchored INTEGER NOT NULL
        );
        CREATE INDEX time_exprs_article ON time_exprs(article_id);
        CREATE TABLE actions (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            subject_id TEXT,
            subject TEXT NOT NULL,
            verb TEXT NOT NULL,
            verb_text TEXT NOT NULL,
            object TEXT,
            object_id TEXT,
            negated INTEGER NOT NULL,
            modality TEXT
        );
        CREATE INDEX actions_article ON actions(article_id);
        """,
    ),
    (
        "003_analysis_components",
        """
        -- one row per article and component: re-analysis redoes only what is stale
        CREATE TABLE analysis_components (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            component TEXT NOT NULL,
            version TEXT NOT NULL,
            fingerprint TEXT,
            status TEXT NOT NULL,
            reason TEXT,
            analyzed_at TEXT NOT NULL,
            PRIMARY KEY (article_id, component)
        );
        -- one spelling everywhere ("analyze"), offsets named start_char/end_char everywhere
        UPDATE analyses SET status = 'analyzed' WHERE status = 'analysed';
        ALTER TABLE analyses RENAME COLUMN analysed_at TO analyzed_at;
        ALTER TABLE quotes RENAME COLUMN cue_start TO cue_start_char;
        ALTER TABLE quotes RENAME COLUMN cue_end TO cue_end_char;
        ALTER TABLE quotes RENAME COLUMN speaker_start TO speaker_start_char;
        ALTER TABLE quotes RENAME COLUMN speaker_end TO speaker_end_char;
        -- record tables are adapted to their declarations from here on (store/records.py)
        """,
    ),
    (
        "003_ingest_source_keys",
        """
        -- source_key names a source the same way however it was given (a file's real path,
        -- a normalised URL), so an absolute path, a symlink or shifted JSONL lines are
        -- recognised as the same source
        ALTER TABLE sightings ADD COLUMN source_key TEXT;
        UPDATE sightings SET source_key = source;
        CREATE INDEX sightings_source_key ON sightings(source_key, content_hash);
        -- an input file read whole before: its fingerprint (bytes, sidecar, options) and the
        -- articles it gave, so an unchanged file is recognised before it is extracted again
        CREATE TABLE ingest_inputs (
            source_key TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            article_ids TEXT NOT NULL,
            seen_at TEXT NOT NULL
        );
        -- metadata set on a stored article after it was stored (e.g. --published)
        CREATE TABLE ingest_changes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            field TEXT NOT NULL,
            old TEXT,
            new TEXT,
            source TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX ingest_changes_article ON ingest_changes(article_id);
        """,
    ),
    (
        "004_ingest_lsh_bands",
        """
        -- MinHash LSH kept in the database: one row per (band key, article); a new article
        -- looks up its own band keys instead of loading every stored signature
        CREATE TABLE ingest_lsh_bands (
            band_key INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID;
        -- the banding the rows were made with; another one (a changed minhash_perm) rebuilds
        CREATE TABLE ingest_lsh_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            scheme TEXT NOT NULL
        );
        """,
    ),
    (
        "005_ingest_revisions_and_listing",
        """
        -- an edited source stored again: the new row names the version it replaces
        ALTER TABLE articles ADD COLUMN revision_of INTEGER REFERENCES articles(id);
        CREATE INDEX articles_revision_of ON articles(revision_of);
        -- word count, so listings need not read the text
        ALTER TABLE articles ADD COLUMN words INTEGER;
        UPDATE articles SET words = storyline_words(text);
        -- the listing order (newest first; NULL sorts lowest, so undated last), so --limit
        -- reads only what it shows and --since searches a range of it
        CREATE INDEX articles_listing ON articles(published DESC, id);
        """,
    ),
    (
        "010_link_canonical_entities",
        """
        -- one row per real-world actor across articles (link/)
        CREATE TABLE canonical_entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            merged_into INTEGER REFERENCES canonical_entities(id),
            renamed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX canonical_entities_name ON canonical_entities(name);
        -- blocking keys: a new entity is compared only with the canonical entities it shares
        -- a key with (link/names.py)
        CREATE TABLE canonical_keys (
            key TEXT NOT NULL,
            canonical_id INTEGER NOT NULL REFERENCES canonical_entities(id),
            PRIMARY KEY (key, canonical_id)
        ) WITHOUT ROWID;
        CREATE INDEX canonical_keys_canonical ON canonical_keys(canonical_id);
        -- which canonical entity each article entity is, and why
        CREATE TABLE entity_links (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            entity_id TEXT NOT NULL,
            canonical_id INTEGER NOT NULL REFERENCES canonical_entities(id),
            score REAL,
            method TEXT NOT NULL,
            version TEXT NOT NULL,
            PRIMARY KEY (article_id, entity_id)
        );
        CREATE INDEX entity_links_canonical ON entity_links(canonical_id);
        -- which version of linking (and of the article's entities) each article was linked by
        CREATE TABLE link_state (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            version TEXT NOT NULL,
            linked_at TEXT NOT NULL
        );
        -- corrections by hand, kept apart and re-applied whenever articles are linked again
        CREATE TABLE entity_decisions (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL,
            canonical_id INTEGER NOT NULL,
            other_id INTEGER,
            alias TEXT,
            name TEXT,
            at TEXT NOT NULL
        );
        """,
    ),
    (
        "011_stories",
        """
        -- developing stories (stories/): articles grouped as they arrive
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT,
            title_article_id INTEGER REFERENCES articles(id),
            first_seen TEXT,
            last_seen TEXT,
            size INTEGER NOT NULL DEFAULT 0,
            merged_into INTEGER REFERENCES stories(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
        -- which story each article belongs to, with the score and the evidence for it
        CREATE TABLE story_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            story_id INTEGER NOT NULL REFERENCES stories(id),
            score REAL,
            reason TEXT NOT NULL DEFAULT '{}',
            version TEXT NOT NULL,
            assigned_at TEXT NOT NULL,
            vector TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX story_articles_story ON story_articles(story_id, article_id);
        -- each story's centroid: the summed term weights of its articles (the index that finds
        -- candidate stories for a new article, by term)
        CREATE TABLE story_terms (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            term TEXT NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (story_id, term)
        ) WITHOUT ROWID;
        CREATE INDEX story_terms_term ON story_terms(term, weight);
        -- in how many articles each term occurs (for its weight across the store), and which
        -- articles are counted
        CREATE TABLE story_term_df (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE story_counted (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id)
        );
        -- stories found to be about related developments (not merged)
        CREATE TABLE story_links (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            other_id INTEGER NOT NULL REFERENCES stories(id),
            score REAL NOT NULL,
            PRIMARY KEY (story_id, other_id)
        );
        """,
    ),
    (
        "013_web_reactions",
        """
        -- what our own readers feel about an article or a story (web/): one row per reader
        -- and item, so changing a reaction replaces it and counts are exact
        CREATE TABLE web_reactions (
            item_kind TEXT NOT NULL CHECK (item_kind IN ('article', 'story')),
            item_id INTEGER NOT NULL,
            reader TEXT NOT NULL,
            kind TEXT NOT NULL,
            reacted_at TEXT NOT NULL,
            PRIMARY KEY (item_kind, item_id, reader)
        ) WITHOUT ROWID;
        -- counts per item and kind come from this index alone
        CREATE INDEX web_reactions_counts ON web_reactions(item_kind, item_id, kind);
        -- the key that signs CSRF tokens, kept so that open pages stay valid across restarts
        CREATE TABLE web_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        "014_web_outlet_index",
        """
        -- the outlets listing (counts, first and last publication per outlet) from the index
        -- alone: reading every article row, text and all, took 0.4 s at 10,000 articles
        CREATE INDEX articles_outlet_published ON articles(outlet, published, duplicate_of);
        """,
    ),
    (
        "015_web_articles_head",
        """
        -- an article's day and outlet by id without reading its row (text and all): what the
        -- story list and coverage charts read for every member of a story
        CREATE INDEX articles_head ON articles(id, published, outlet);
        """,
    ),
    (
        "016_ingest_outlet_dek",
        """
        -- a dek that another page of the same outlet carries is the site's description: found
        -- by one index seek, not by reading every stored article of a large outlet
        CREATE INDEX articles_outlet_dek ON articles(outlet, dek);
        """,
    ),
    (
        "017_web_change_counter_and_dossiers",
        """
        -- one number that changes whenever what the story list and the actor pages are read
        -- from changes (articles, analyses, stories, links, corrections by hand): the pages
        -- keep their data while it stays the same, and reading it is one row, not a count of
        -- every story member (which grew with the store). Reactions do not move it.
        CREATE TABLE change_counter (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
        INSERT INTO change_counter VALUES ('pages', 0);
        CREATE TRIGGER pages_articles_i AFTER INSERT ON articles BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_articles_u AFTER UPDATE ON articles BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_articles_d AFTER DELETE ON articles BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_analyses_i AFTER INSERT ON analyses BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_analyses_u AFTER UPDATE ON analyses BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_analyses_d AFTER DELETE ON analyses BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_stories_i AFTER INSERT ON stories BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_stories_u AFTER UPDATE ON stories BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_stories_d AFTER DELETE ON stories BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_story_articles_i AFTER INSERT ON story_articles BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_story_articles_u AFTER UPDATE ON story_articles BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_story_articles_d AFTER DELETE ON story_articles BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_entity_links_i AFTER INSERT ON entity_links BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_entity_links_u AFTER UPDATE ON entity_links BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_entity_links_d AFTER DELETE ON entity_links BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_entity_decisions_i AFTER INSERT ON entity_decisions BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_entity_decisions_u AFTER UPDATE ON entity_decisions BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_entity_decisions_d AFTER DELETE ON entity_decisions BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_canonical_entities_i AFTER INSERT ON canonical_entities BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_canonical_entities_u AFTER UPDATE ON canonical_entities BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        CREATE TRIGGER pages_canonical_entities_d AFTER DELETE ON canonical_entities BEGIN
            UPDATE change_counter SET n = n + 1 WHERE name = 'pages';
        END;
        -- a story's dossier as JSON, with the key of what it was built from (its articles,
        -- their analyses and links, corrections by hand): built by `storyline process` for
        -- the stories it changed, else on the first read, and read back while the key holds
        CREATE TABLE dossiers (
            story_id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            built_at TEXT NOT NULL,
            body TEXT NOT NULL
        );
        """,
    ),
)
