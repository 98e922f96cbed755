// The consumer's test ran (not merely compiled) and passed: a failing test would have failed the build already,
// but a skipped or missing one would not.
def report = new File(basedir, 'target/surefire-reports/TEST-example.ReadmeSnippetTest.xml')
assert report.isFile() : "no test report: ${report}"
def suite = (report.text =~ /<testsuite\b[^>]*>/)[0]
def count = { String name -> (suite =~ /\b${name}="(\d+)"/)[0][1] }
assert count('tests') == '1' && count('errors') == '0' && count('skipped') == '0' && count('failures') == '0' : suite
assert new File(basedir, 'model.json').isFile()
return true
