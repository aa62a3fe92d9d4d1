package benchgen

import (
	"slices"
	"strings"
)

// cadence says in which years a venue takes place. Journals and arXiv
// publish every year, so they use annual.
type cadence int

const (
	annual cadence = iota
	evenYears
	oddYears
)

// venueInfo is what the generator knows about one venue. The data follow
// ../shared/reference/venues.yaml, cut down to what a benchmark input needs:
// the canonical tag, a few aliases people really write, the BibTeX entry
// type and series name, the DBLP stream that makes up the citation key, and
// enough of the calendar that clean entries name years the venue was held.
type venueInfo struct {
	tag       string
	fields    []field
	weight    int // relative frequency inside a field
	entry     string
	series    string // booktitle for inproceedings, journal for article
	stream    string // DBLP key prefix, e.g. conf/cvpr
	publisher string // empty: none written
	doiPrefix string // empty: entries never carry a DOI
	aliases   []string
	first     int // first year held
	held      cadence
	until     int   // last year held is the cadence; annual afterwards (0: cadence forever)
	years     []int // explicit years (overrides cadence) for irregular venues
}

// heldIn reports whether the venue took place (or published) in year y.
func (v *venueInfo) heldIn(y int) bool {
	if y < v.first || y > lastYear {
		return false
	}
	if len(v.years) > 0 {
		return slices.Contains(v.years, y)
	}
	if v.until != 0 && y > v.until {
		return true
	}
	switch v.held {
	case evenYears:
		return y%2 == 0
	case oddYears:
		return y%2 == 1
	}
	return true
}

// tagFor is the tag a clean note writes for year y: NeurIPS was NIPS up to
// and including 2017.
func (v *venueInfo) tagFor(y int) string {
	if v.tag == "NeurIPS" && y <= 2017 {
		return "NIPS"
	}
	return v.tag
}

// aliasFor returns the aliases of v that are wrong for year y. For NeurIPS
// the only alias is the old name, which is wrong from 2018 on.
func (v *venueInfo) aliasFor(y int) []string {
	if v.tag == "NeurIPS" {
		if y >= 2018 {
			return []string{"NIPS"}
		}
		return nil
	}
	return v.aliases
}

// firstYear and lastYear bound the years the notes talk about.
const (
	firstYear = 2012
	lastYear  = 2025
)

// venues lists every venue the generator uses. Order matters: it is part
// of what the seed reproduces.
var venues = []*venueInfo{
	// Machine learning.
	{tag: "NeurIPS", fields: []field{fML, fCV, fNLP}, weight: 5, entry: "inproceedings",
		series: "Advances in Neural Information Processing Systems", stream: "conf/nips",
		publisher: "Curran Associates, Inc.", first: 1987},
	{tag: "ICML", fields: []field{fML}, weight: 4, entry: "inproceedings",
		series: "International Conference on Machine Learning", stream: "conf/icml",
		publisher: "{PMLR}", first: 1988},
	{tag: "ICLR", fields: []field{fML, fNLP, fCV}, weight: 4, entry: "inproceedings",
		series: "International Conference on Learning Representations", stream: "conf/iclr",
		publisher: "OpenReview.net", first: 2013},
	{tag: "AAAI", fields: []field{fML, fCV, fNLP, fRec}, weight: 2, entry: "inproceedings",
		series: "Proceedings of the {AAAI} Conference on Artificial Intelligence", stream: "conf/aaai",
		publisher: "{AAAI} Press", doiPrefix: "10.1609/aaai", first: 2004},
	{tag: "IJCAI", fields: []field{fML, fRec}, weight: 1, entry: "inproceedings",
		series: "Proceedings of the International Joint Conference on Artificial Intelligence", stream: "conf/ijcai",
		publisher: "ijcai.org", doiPrefix: "10.24963/ijcai", first: 1969, held: oddYears, until: 2015},
	{tag: "AISTATS", fields: []field{fML}, weight: 1, entry: "inproceedings",
		series: "International Conference on Artificial Intelligence and Statistics", stream: "conf/aistats",
		publisher: "{PMLR}", first: 2006},
	{tag: "JMLR", fields: []field{fML}, weight: 1, entry: "article",
		series: "Journal of Machine Learning Research", stream: "journals/jmlr", first: 2000},
	{tag: "TMLR", fields: []field{fML}, weight: 1, entry: "article",
		series: "Transactions on Machine Learning Research", stream: "journals/tmlr", first: 2022},
	{tag: "TPAMI", fields: []field{fML, fCV}, weight: 1, entry: "article",
		series: "{IEEE} Transactions on Pattern Analysis and Machine Intelligence", stream: "journals/pami",
		doiPrefix: "10.1109/TPAMI", aliases: []string{"PAMI", "T-PAMI"}, first: 1979},
	// Computer vision.
	{tag: "CVPR", fields: []field{fCV}, weight: 6, entry: "inproceedings",
		series: "{IEEE/CVF} Conference on Computer Vision and Pattern Recognition", stream: "conf/cvpr",
		publisher: "{IEEE}", doiPrefix: "10.1109/CVPR", first: 1988},
	{tag: "ICCV", fields: []field{fCV}, weight: 3, entry: "inproceedings",
		series: "{IEEE/CVF} International Conference on Computer Vision", stream: "conf/iccv",
		publisher: "{IEEE}", doiPrefix: "10.1109/ICCV", first: 1987, held: oddYears},
	{tag: "ECCV", fields: []field{fCV}, weight: 3, entry: "inproceedings",
		series: "European Conference on Computer Vision", stream: "conf/eccv",
		publisher: "Springer", doiPrefix: "10.1007/978-3-031", first: 1990, held: evenYears},
	{tag: "MM", fields: []field{fCV, fRec}, weight: 1, entry: "inproceedings",
		series: "Proceedings of the {ACM} International Conference on Multimedia", stream: "conf/mm",
		publisher: "{ACM}", doiPrefix: "10.1145", aliases: []string{"ACM MM", "ACM-MM"}, first: 1993},
	{tag: "TIP", fields: []field{fCV}, weight: 1, entry: "article",
		series: "{IEEE} Transactions on Image Processing", stream: "journals/tip",
		doiPrefix: "10.1109/TIP", first: 1992},
	{tag: "IJCV", fields: []field{fCV}, weight: 1, entry: "article",
		series: "International Journal of Computer Vision", stream: "journals/ijcv",
		doiPrefix: "10.1007/s11263", first: 1987},
	// Natural language processing.
	{tag: "ACL", fields: []field{fNLP}, weight: 5, entry: "inproceedings",
		series: "Proceedings of the Annual Meeting of the Association for Computational Linguistics", stream: "conf/acl",
		publisher: "Association for Computational Linguistics", doiPrefix: "10.18653/v1", first: 1963},
	{tag: "EMNLP", fields: []field{fNLP}, weight: 4, entry: "inproceedings",
		series: "Proceedings of the Conference on Empirical Methods in Natural Language Processing", stream: "conf/emnlp",
		publisher: "Association for Computational Linguistics", doiPrefix: "10.18653/v1", first: 1996},
	{tag: "NAACL", fields: []field{fNLP}, weight: 2, entry: "inproceedings",
		series: "Proceedings of the Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies",
		stream: "conf/naacl", publisher: "Association for Computational Linguistics", doiPrefix: "10.18653/v1",
		aliases: []string{"NAACL-HLT"}, first: 2000,
		years: []int{2012, 2013, 2015, 2016, 2018, 2019, 2021, 2022, 2024, 2025}},
	{tag: "COLING", fields: []field{fNLP}, weight: 1, entry: "inproceedings",
		series: "Proceedings of the International Conference on Computational Linguistics", stream: "conf/coling",
		first: 1965, held: evenYears},
	{tag: "TACL", fields: []field{fNLP}, weight: 1, entry: "article",
		series: "Transactions of the Association for Computational Linguistics", stream: "journals/tacl",
		doiPrefix: "10.1162/tacl", first: 2013},
	// Search, recommendation, data mining.
	{tag: "KDD", fields: []field{fRec}, weight: 4, entry: "inproceedings",
		series: "Proceedings of the {ACM} {SIGKDD} Conference on Knowledge Discovery and Data Mining", stream: "conf/kdd",
		publisher: "{ACM}", doiPrefix: "10.1145", aliases: []string{"SIGKDD"}, first: 1995},
	{tag: "WWW", fields: []field{fRec}, weight: 3, entry: "inproceedings",
		series: "Proceedings of the {ACM} Web Conference", stream: "conf/www",
		publisher: "{ACM}", doiPrefix: "10.1145", aliases: []string{"TheWebConf", "WebConf"}, first: 1994},
	{tag: "SIGIR", fields: []field{fRec}, weight: 3, entry: "inproceedings",
		series: "Proceedings of the International {ACM} {SIGIR} Conference on Research and Development in Information Retrieval",
		stream: "conf/sigir", publisher: "{ACM}", doiPrefix: "10.1145", first: 1978},
	{tag: "RecSys", fields: []field{fRec}, weight: 2, entry: "inproceedings",
		series: "Proceedings of the {ACM} Conference on Recommender Systems", stream: "conf/recsys",
		publisher: "{ACM}", doiPrefix: "10.1145", aliases: []string{"ACM RecSys"}, first: 2007},
	{tag: "CIKM", fields: []field{fRec}, weight: 2, entry: "inproceedings",
		series: "Proceedings of the {ACM} International Conference on Information and Knowledge Management",
		stream: "conf/cikm", publisher: "{ACM}", doiPrefix: "10.1145", first: 1992},
	{tag: "WSDM", fields: []field{fRec}, weight: 1, entry: "inproceedings",
		series: "Proceedings of the {ACM} International Conference on Web Search and Data Mining", stream: "conf/wsdm",
		publisher: "{ACM}", doiPrefix: "10.1145", first: 2008},
	{tag: "TKDE", fields: []field{fRec}, weight: 1, entry: "article",
		series: "{IEEE} Transactions on Knowledge and Data Engineering", stream: "journals/tkde",
		doiPrefix: "10.1109/TKDE", first: 1989},
	// Systems.
	{tag: "OSDI", fields: []field{fSys}, weight: 3, entry: "inproceedings",
		series: "{USENIX} Symposium on Operating Systems Design and Implementation", stream: "conf/osdi",
		publisher: "{USENIX} Association", first: 1994, held: evenYears, until: 2020},
	{tag: "SOSP", fields: []field{fSys}, weight: 3, entry: "inproceedings",
		series: "Proceedings of the {ACM} Symposium on Operating Systems Principles", stream: "conf/sosp",
		publisher: "{ACM}", doiPrefix: "10.1145", first: 1967, held: oddYears, until: 2023},
	{tag: "NSDI", fields: []field{fSys}, weight: 3, entry: "inproceedings",
		series: "{USENIX} Symposium on Networked Systems Design and Implementation", stream: "conf/nsdi",
		publisher: "{USENIX} Association", first: 2004},
	{tag: "EuroSys", fields: []field{fSys}, weight: 2, entry: "inproceedings",
		series: "Proceedings of the European Conference on Computer Systems", stream: "conf/eurosys",
		publisher: "{ACM}", doiPrefix: "10.1145", first: 2006},
	{tag: "ATC", fields: []field{fSys}, weight: 2, entry: "inproceedings",
		series: "{USENIX} Annual Technical Conference", stream: "conf/usenix",
		publisher: "{USENIX} Association", aliases: []string{"USENIX ATC"}, first: 1996},
	{tag: "MLSys", fields: []field{fSys, fML}, weight: 2, entry: "inproceedings",
		series: "Proceedings of Machine Learning and Systems", stream: "conf/mlsys",
		publisher: "mlsys.org", first: 2020},
	{tag: "ASPLOS", fields: []field{fSys}, weight: 2, entry: "inproceedings",
		series: "Proceedings of the {ACM} International Conference on Architectural Support for Programming Languages and Operating Systems",
		stream: "conf/asplos", publisher: "{ACM}", doiPrefix: "10.1145", first: 2012},
	{tag: "SIGCOMM", fields: []field{fSys}, weight: 1, entry: "inproceedings",
		series: "Proceedings of the {ACM} {SIGCOMM} Conference", stream: "conf/sigcomm",
		publisher: "{ACM}", doiPrefix: "10.1145", first: 1981},
	{tag: "FAST", fields: []field{fSys}, weight: 1, entry: "inproceedings",
		series: "{USENIX} Conference on File and Storage Technologies", stream: "conf/fast",
		publisher: "{USENIX} Association", first: 2002},
	{tag: "VLDB", fields: []field{fSys, fRec}, weight: 1, entry: "article",
		series: "Proceedings of the {VLDB} Endowment", stream: "journals/pvldb",
		doiPrefix: "10.14778", aliases: []string{"PVLDB"}, first: 2008},
	{tag: "SIGMOD", fields: []field{fSys}, weight: 1, entry: "inproceedings",
		series: "Proceedings of the {ACM} {SIGMOD} International Conference on Management of Data", stream: "conf/sigmod",
		publisher: "{ACM}", doiPrefix: "10.1145", first: 1975},
	// Security.
	{tag: "S&P", fields: []field{fSec}, weight: 3, entry: "inproceedings",
		series: "{IEEE} Symposium on Security and Privacy", stream: "conf/sp",
		publisher: "{IEEE}", doiPrefix: "10.1109/SP", aliases: []string{"ISP", "Oakland", "IEEE S&P"}, first: 1980},
	{tag: "USENIX Security", fields: []field{fSec}, weight: 3, entry: "inproceedings",
		series: "{USENIX} Security Symposium", stream: "conf/uss",
		publisher: "{USENIX} Association", aliases: []string{"USENIX Sec", "USS"}, first: 1995},
	{tag: "CCS", fields: []field{fSec}, weight: 3, entry: "inproceedings",
		series: "Proceedings of the {ACM} {SIGSAC} Conference on Computer and Communications Security", stream: "conf/ccs",
		publisher: "{ACM}", doiPrefix: "10.1145", aliases: []string{"ACM CCS"}, first: 1993},
	{tag: "NDSS", fields: []field{fSec}, weight: 3, entry: "inproceedings",
		series: "Network and Distributed System Security Symposium", stream: "conf/ndss",
		publisher: "The Internet Society", first: 1994},
	{tag: "EuroS&P", fields: []field{fSec}, weight: 1, entry: "inproceedings",
		series: "{IEEE} European Symposium on Security and Privacy", stream: "conf/eurosp",
		publisher: "{IEEE}", doiPrefix: "10.1109/EuroSP", first: 2016},
	{tag: "TIFS", fields: []field{fSec}, weight: 1, entry: "article",
		series: "{IEEE} Transactions on Information Forensics and Security", stream: "journals/tifs",
		doiPrefix: "10.1109/TIFS", first: 2006},
	{tag: "TDSC", fields: []field{fSec}, weight: 1, entry: "article",
		series: "{IEEE} Transactions on Dependable and Secure Computing", stream: "journals/tdsc",
		doiPrefix: "10.1109/TDSC", first: 2004},
	// Preprints: every field posts there.
	{tag: "arXiv", fields: []field{fML, fCV, fNLP, fRec, fSys, fSec}, weight: 3, entry: "misc",
		series: "arXiv preprint", stream: "journals/corr", aliases: []string{"CoRR"}, first: 1991},
}

// venueByTag finds a venue by its canonical tag (or NIPS for NeurIPS).
func venueByTag(tag string) *venueInfo {
	if tag == "NIPS" {
		tag = "NeurIPS"
	}
	if i := slices.IndexFunc(venues, func(v *venueInfo) bool { return v.tag == tag }); i >= 0 {
		return venues[i]
	}
	return nil
}

// acronym is the upper-case short name used in a DBLP booktitle, e.g.
// "{CVPR} 2022" or "{USENIX} Security 2021".
func (v *venueInfo) acronym(y int) string {
	t := v.tagFor(y)
	switch {
	case t == "S&P":
		// DBLP writes the Oakland symposium as {SP}.
		return "{SP}"
	case strings.Contains(t, "&"):
		// A bare & is a LaTeX error in the typeset bibliography.
		return strings.ReplaceAll(t, "&", "{\\&}")
	}
	if i := strings.IndexByte(t, ' '); i > 0 {
		return "{" + t[:i] + "}" + t[i:]
	}
	return "{" + t + "}"
}
