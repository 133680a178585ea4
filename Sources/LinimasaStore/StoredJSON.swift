import Foundation
import Linimasa

/// The timeline's parts as a store reads them back from the JSON it wrote: by the byte readers
/// when the JSON is what `compactJSON()` writes (every row this version writes), else by
/// `JSONDecoder`, which also reads the forms earlier versions stored. One way for every store.
enum StoredJSON {
    static func story(_ json: String) throws -> Story {
        try Story.read(compactJSON: json) ?? JSONDecoder().decode(Story.self, from: Data(json.utf8))
    }

    static func event(_ json: String) throws -> Event {
        try Event.read(compactJSON: json) ?? JSONDecoder().decode(Event.self, from: Data(json.utf8))
    }

    static func entities(_ json: String) throws -> [EntitySummary] {
        try EntitySummary.list(compactJSON: json) ?? JSONDecoder().decode([EntitySummary].self, from: Data(json.utf8))
    }
}
