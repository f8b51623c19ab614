package knowledge

// TestingPackages are the packages only tests use: a package whose own
// files (its _test.go files aside) import one is test support, written to
// run under a test binary: a testutil, gitea's models/unittest. The
// standard testing package counts unless only testing.Testing is used,
// which production code calls to know whether it runs under a test.
// net/http/httptest is not one: production code records responses with
// it (pocketbase's batch API does).
var TestingPackages = map[string]bool{
	"testing":                                     true,
	"testing/iotest":                              true,
	"testing/quick":                               true,
	"testing/synctest":                            true,
	"github.com/stretchr/testify/assert":          true,
	"github.com/stretchr/testify/require":         true,
	"github.com/stretchr/testify/suite":           true,
	"github.com/stretchr/testify/mock":            true,
	"github.com/golang/mock/gomock":               true,
	"go.uber.org/mock/gomock":                     true,
	"github.com/onsi/ginkgo/v2":                   true,
	"github.com/onsi/gomega":                      true,
	"gotest.tools/v3/assert":                      true,
	"github.com/DATA-DOG/go-sqlmock":              true,
	"github.com/alicebob/miniredis/v2":            true,
	"github.com/go-testfixtures/testfixtures/v3":  true,
	"github.com/testcontainers/testcontainers-go": true,
	"github.com/ory/dockertest/v3":                true,
	"github.com/gavv/httpexpect/v2":               true,
	"github.com/frankban/quicktest":               true,
	"github.com/matryer/is":                       true,
}

// TestingTesting is the one function of package testing that production
// code calls.
const TestingTesting = "testing.Testing"

// TestDirs are the directories of a module that hold its test suite's
// own programs: a command under one of them (hydra's test/mock-cb, a
// mock login provider the e2e suite starts) is a fixture, never
// deployed. The whole path element must match: testimonials/ and
// contests/ are production code.
var TestDirs = map[string]bool{
	"test":     true,
	"tests":    true,
	"e2e":      true,
	"testdata": true,
}
