// The consumer's tests ran (not merely compiled) and passed: a failing test would have failed the build already,
// but a skipped or missing one would not.
def check = { String name, String tests ->
    def report = new File(basedir, "target/surefire-reports/TEST-example.${name}.xml")
    assert report.isFile() : "no test report: ${report}"
    def suite = (report.text =~ /<testsuite\b[^>]*>/)[0]
    def count = { String what -> (suite =~ /\b${what}="(\d+)"/)[0][1] }
    assert count('tests') == tests && count('errors') == '0' && count('skipped') == '0' && count('failures') == '0' : suite
}
check('ReadmeSnippetTest', '1')
check('SystemReadmeSnippetsTest', '2')
assert new File(basedir, 'model.json').isFile()
assert new File(basedir, 'machine.model.json').isFile()
return true
