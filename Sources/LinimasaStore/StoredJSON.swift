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

    /// Events, and whether every one's JSON is canonical (byte for byte what `compactJSON()` writes
    /// for it, so that a page can copy it): each read once, by the byte reader or else the decoder.
    static func events(_ jsons: [String]) throws -> (events: [Event], canonical: Bool) {
        var canonical = true
        let events = try jsons.map { json in
            var exact = false
            if let e = Event.read(compactJSON: json, canonical: &exact) {
                canonical = canonical && exact
                return e
            }
            canonical = false
            return try JSONDecoder().decode(Event.self, from: Data(json.utf8))
        }
        return (events, canonical)
    }

    static func entity(_ json: String) throws -> EntitySummary {
        try EntitySummary.read(compactJSON: json) ?? JSONDecoder().decode(EntitySummary.self, from: Data(json.utf8))
    }

    static func entities(_ json: String) throws -> [EntitySummary] {
        try EntitySummary.list(compactJSON: json) ?? JSONDecoder().decode([EntitySummary].self, from: Data(json.utf8))
    }
}
