// The snippet reads the bundled sample as a user in the repository's root would: data/sample/kpi.csv.
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def target = new File(basedir, 'data/sample/kpi.csv').toPath()
Files.createDirectories(target.parent)
Files.copy(new File(sampleData).toPath(), target, StandardCopyOption.REPLACE_EXISTING)
return true
