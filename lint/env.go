package lint

import (
	"context"
	"fmt"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/org"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/venue"
)

// Env is what a workspace's files are read and checked with: the
// configuration, the registries it extends, and the current year. Nothing
// in it changes during a run; a new config makes a new Env.
type Env struct {
	// Config is the configuration (never nil).
	Config *Config
	// Venues and Orgs are the built-in registries extended by Config.
	Venues *venue.Registry
	Orgs   *org.Registry
	// Year is the current year: two-digit years up to one past it are
	// read as 20YY, and venue-year reports years after the next. It is
	// passed in, never read from the clock here, so that a file reads the
	// same on any day in tests.
	Year int
	// Resolver, when set, looks papers up in the user's libraries and,
	// with --online, in DBLP, Crossref and arXiv: bib-mismatch then finds
	// the published version of a paper the companion .bib cites as an
	// arXiv preprint. Nil (the default, and the editor server's) means no
	// lookup: a run reads nothing but its files and opens no connection.
	Resolver *resolve.Resolver
	// Context, when set, is what the run's lookups are made with: the
	// command cancels it on an interrupt, and the lookups not done yet
	// fail at once instead of waiting for their services. Nil means
	// context.Background(). A run that looks nothing up never reads it.
	Context context.Context
}

// NewEnv builds the registries of cfg (its venues and aliases) for the
// given current year.
func NewEnv(cfg *Config, year int) (*Env, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	venues, err := venuesFromConfig(cfg)
	if err != nil {
		return nil, err
	}
	orgs, err := org.Default().With(nil, cfg.OrgAliases)
	if err != nil {
		return nil, fmt.Errorf("%s: org-aliases: %w", cfg.Path, err)
	}
	return &Env{Config: cfg, Venues: venues, Orgs: orgs, Year: year}, nil
}

func venuesFromConfig(cfg *Config) (*venue.Registry, error) {
	if len(cfg.Venues) == 0 && len(cfg.VenueAliases) == 0 {
		return venue.Default(), nil
	}
	extra := make([]venue.Venue, 0, len(cfg.Venues))
	for _, v := range cfg.Venues {
		kind := venue.Kind(v.Kind)
		if kind == "" {
			kind = venue.Conference
			if v.Journal != "" {
				kind = venue.Journal
			}
		}
		extra = append(extra, venue.Venue{
			Tag: v.Tag, Aliases: v.Aliases, Kind: kind, EntryType: v.EntryType,
			Booktitle: v.Booktitle, Journal: v.Journal, Publisher: v.Publisher,
			Held: venue.Held{First: v.First, Cadence: venue.Annual, Verified: v.First != 0},
		})
	}
	r, err := venue.Default().With(extra, cfg.VenueAliases)
	if err != nil {
		return nil, fmt.Errorf("%s: venues: %w", cfg.Path, err)
	}
	return r, nil
}

// Workspace is the set of parsed files that a run checks; package
// workspace implements it over folders on disk and editor buffers.
type Workspace interface {
	// Env is what the files were read with.
	Env() *Env
	// Files returns the parsed files in input order, each notes file's
	// Companion set. The slice is the caller's.
	Files() []*File
	// Update replaces a file's text, parsing it again along with the
	// files that depend on it (the .bib files that use its macros).
	Update(path string, src []byte) error
}

// UpdaterOfMany is a Workspace that can replace several files' texts at
// once and parse them again in parallel, as they were parsed first: what
// Runner.Fix uses between rounds when the workspace offers it (a fixed
// notes file and its fixed .bib are then parsed side by side, not one
// after the other).
type UpdaterOfMany interface {
	// UpdateAll replaces the text of each path of texts, then parses
	// them again with the files that depend on them. It changes nothing
	// when a path is not a file of the workspace.
	UpdateAll(texts map[string][]byte) error
}

// ParseFile reads one input into a File with env's registries. jobs bounds
// the goroutines that parse a large notes file in pieces. A .bib is read
// with macros when it is not nil, so that the files of one group share
// their @string macros in order (abbrev.bib before articles.bib, as
// \bibliography{abbrev,articles} reads them); nil reads it on its own.
func ParseFile(in Input, env *Env, jobs int, macros *bib.Reader) (f *File) {
	k := in.Kind
	if k == 0 {
		k = KindOf(in.Path)
	}
	f = &File{Path: in.Path, Src: in.Src, Text: bytesString(in.Src), Kind: k, Quiet: in.Quiet}
	// A parser bug must cost one file, not the run: the file gets a finding
	// saying so and the other files are linted.
	defer func() {
		if v := recover(); v != nil {
			msg := fmt.Sprintf("internal error reading %s: %v (please report it)", in.Path, firstLine(v))
			switch k {
			case NotesFile:
				f.Notes = &notes.Document{Path: in.Path, Src: in.Src, Problems: []notes.Problem{{Message: msg}}}
			case BibFile:
				f.Bib = &bib.File{Name: in.Path, Source: f.Text, Diagnostics: []bib.Diagnostic{{Code: bib.CodeSyntax, File: in.Path, Message: msg}}}
			}
		}
	}()
	switch k {
	case NotesFile:
		f.Notes = notes.Parse(in.Path, in.Src, notesOptions(env, jobs))
	case BibFile:
		if macros == nil {
			macros = bib.NewReader()
		}
		f.Bib = macros.ParseString(in.Path, f.Text)
	}
	return f
}

// notesOptions are the options notes files are parsed with under env.
func notesOptions(env *Env, jobs int) notes.Options {
	return notes.Options{Jobs: jobs, Year: env.Year, IsVenue: func(name string) bool {
		_, ok := env.Venues.Lookup(name)
		return ok
	}}
}
