// The snippets read the bundled data as a user in the repository's root would: data/sample/kpi.csv for the KPI-driven
// one; the demo pump for the system-driven ones: its first 2,500 rows as machine.csv, the rest as machine-later.csv, all as
// pump.csv.
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.util.zip.GZIPInputStream

def target = new File(basedir, 'data/sample/kpi.csv').toPath()
Files.createDirectories(target.parent)
Files.copy(new File(sampleData).toPath(), target, StandardCopyOption.REPLACE_EXISTING)

def lines = new GZIPInputStream(new FileInputStream(machineData)).getText('UTF-8').readLines()
new File(basedir, 'machine.csv').text = (lines.subList(0, 2501)).join('\n') + '\n'
new File(basedir, 'machine-later.csv').text = ([lines[0]] + lines.subList(2501, lines.size())).join('\n') + '\n'
new File(basedir, 'pump.csv').text = lines.join('\n') + '\n'
Files.copy(new File(machineLabels).toPath(), new File(basedir, 'labels.csv').toPath(), StandardCopyOption.REPLACE_EXISTING)
return true
