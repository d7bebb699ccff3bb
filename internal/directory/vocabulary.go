package directory

// Stage is a point in pregnancy or the child's age that a service supports.
type Stage string

// The stages, in the order a family passes through them.
const (
	StagePregnancy Stage = "pregnancy"
	StageUnderOne  Stage = "under-1"
	StageOneToTwo  Stage = "1-2"
	StageOlder     Stage = "older"
)

// Stages lists every stage in order.
var Stages = []Stage{StagePregnancy, StageUnderOne, StageOneToTwo, StageOlder}

// Label names the stage in words.
func (s Stage) Label() string {
	switch s {
	case StagePregnancy:
		return "Pregnancy"
	case StageUnderOne:
		return "Baby under 1"
	case StageOneToTwo:
		return "Child aged 1 to 2"
	case StageOlder:
		return "Child over 2"
	}
	return string(s)
}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool {
	for _, v := range Stages {
		if s == v {
			return true
		}
	}
	return false
}

// Audience is a group of people a service is meant for.
type Audience string

// The audiences a service can name.
const (
	AudienceMums             Audience = "mums"
	AudienceDadsPartners     Audience = "dads-partners"
	AudienceYoungParents     Audience = "young-parents"
	AudienceFirstTimeParents Audience = "first-time-parents"
)

// Audiences lists every audience.
var Audiences = []Audience{AudienceMums, AudienceDadsPartners, AudienceYoungParents, AudienceFirstTimeParents}

// Label names the audience in words.
func (a Audience) Label() string {
	switch a {
	case AudienceMums:
		return "Mums"
	case AudienceDadsPartners:
		return "Dads and partners"
	case AudienceYoungParents:
		return "Young parents aged 24 or under"
	case AudienceFirstTimeParents:
		return "First-time parents"
	}
	return string(a)
}

// Valid reports whether a is a known audience.
func (a Audience) Valid() bool {
	for _, v := range Audiences {
		if a == v {
			return true
		}
	}
	return false
}

// AccessRoute is a way a family gets a service.
type AccessRoute string

// The ways into a service.
const (
	AccessUniversal        AccessRoute = "universal"
	AccessSelfReferral     AccessRoute = "self-referral"
	AccessProfessional     AccessRoute = "professional-referral"
	AccessChildrensService AccessRoute = "childrens-services"
)

// AccessRoutes lists every way into a service.
var AccessRoutes = []AccessRoute{AccessUniversal, AccessSelfReferral, AccessProfessional, AccessChildrensService}

// Label says the way in, in words addressed to a family.
func (a AccessRoute) Label() string {
	switch a {
	case AccessUniversal:
		return "Offered to every family"
	case AccessSelfReferral:
		return "You can refer yourself"
	case AccessProfessional:
		return "A professional refers you"
	case AccessChildrensService:
		return "Comes through children's services"
	}
	return string(a)
}

// Valid reports whether a is a known way into a service.
func (a AccessRoute) Valid() bool {
	for _, v := range AccessRoutes {
		if a == v {
			return true
		}
	}
	return false
}
