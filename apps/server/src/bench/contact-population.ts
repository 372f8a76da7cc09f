/**
 * Where the bench account's contacts come from: countries in realistic shares, each with its own names, cities,
 * telephone numbering and mail providers, so that a name fragment, a phone prefix or a city matches the share of an
 * account it would in a real one rather than half the table or nothing.
 */

/** How a country's mobile (or common) numbers look in E.164: `+`, the country code, then one of the prefixes. */
export interface PhonePlan {
  countryCode: string;
  /** Operator or area prefixes that follow the country code. */
  prefixes: string[];
  /** Digits after the country code, prefix included. */
  nationalDigits: number;
}

export interface Region {
  country: string;
  countryCode: string;
  /** Relative share of the account's contacts. */
  weight: number;
  names: NamePool;
  cities: string[];
  phone: PhonePlan;
  /** Mail providers of the country, beside the worldwide ones. */
  mailDomains: string[];
}

export interface NamePool {
  firstNames: string[];
  lastNames: string[];
}

/** The comma-separated entries of `text`, which keeps long word lists compact. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const anglo: NamePool = {
  firstNames: list(`
    James, Mary, John, Patricia, Robert, Jennifer, Michael, Linda, William, Elizabeth, David, Barbara,
    Richard, Susan, Joseph, Jessica, Thomas, Sarah, Charles, Karen, Christopher, Nancy, Daniel, Lisa,
    Matthew, Betty, Anthony, Margaret, Mark, Sandra, Donald, Ashley, Steven, Kimberly, Paul, Emily, Andrew,
    Donna, Joshua, Michelle, Kenneth, Carol, Kevin, Amanda, Brian, Melissa, George, Deborah, Timothy,
    Stephanie, Ronald, Rebecca, Jason, Laura, Edward, Sharon, Jeffrey, Cynthia, Ryan, Kathleen, Jacob, Amy,
    Gary, Angela, Nicholas, Shirley, Eric, Anna, Jonathan, Brenda, Stephen, Pamela, Larry, Emma, Justin,
    Nicole, Scott, Helen, Brandon, Samantha, Oliver, Olivia, Harry, Amelia, Jack, Isla, Noah, Ava, Liam,
    Grace
  `),
  lastNames: list(`
    Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, Moore,
    Jackson, Martin, Lee, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, King,
    Wright, Scott, Hill, Green, Adams, Baker, Nelson, Carter, Mitchell, Roberts, Turner, Phillips,
    Campbell, Parker, Evans, Edwards, Collins, Stewart, Morris, Murphy, Cook, Rogers, Morgan, Peterson,
    Cooper, Reed, Bailey, Bell, Kelly, Howard, Ward, Cox, Richardson, Wood, Watson, Brooks, Bennett, Gray,
    James, Hughes, Price, Sanders, Myers, Long, Ross, Foster, Powell, Jenkins, Perry, Russell, Sullivan,
    Fisher, Henderson, Coleman, Simmons, Patterson, Jordan, Reynolds, Hamilton, Graham, Kim, Wallace,
    Woods, Cole, West, Owens, Marshall, Harrison, Gibson, McDonald, Murray, Ellis, Fletcher, Holmes
  `),
};

const german: NamePool = {
  firstNames: list(`
    Lukas, Anna, Leon, Lea, Felix, Hannah, Jonas, Lena, Maximilian, Laura, Paul, Julia, Tim, Sarah, Finn,
    Lisa, Jan, Katharina, Niklas, Johanna, Moritz, Sophie, Tobias, Marie, Florian, Franziska, Sebastian,
    Carolin, Matthias, Miriam, Stefan, Sabine, Andreas, Claudia, Thomas, Petra, Jürgen, Ute, Klaus, Birgit,
    Wolfgang, Heike, Dieter, Monika, Uwe, Jana
  `),
  lastNames: list(`
    Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch,
    Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann, Hartmann,
    Lange, Schmitt, Werner, Schmitz, Krause, Meier, Lehmann, Schmid, Schulze, Maier, Köhler, Herrmann,
    König, Walter, Mayer, Huber, Kaiser, Fuchs, Peters, Lang, Scholz, Möller, Weiß, Jung, Hahn, Schubert,
    Vogel, Friedrich, Keller, Günther, Frank, Berger, Winkler, Roth, Beck, Lorenz, Baumann, Franke,
    Albrecht, Ludwig
  `),
};

const french: NamePool = {
  firstNames: list(`
    Gabriel, Louise, Raphaël, Emma, Léo, Jade, Louis, Alice, Lucas, Chloé, Arthur, Léa, Hugo, Manon, Jules,
    Camille, Adam, Inès, Nathan, Sarah, Théo, Juliette, Antoine, Pauline, Julien, Mathilde, Nicolas,
    Céline, Pierre, Nathalie, Philippe, Isabelle, Olivier, Sophie, Christophe, Sandrine, Laurent, Valérie,
    Sébastien, Aurélie, François, Élodie
  `),
  lastNames: list(`
    Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Laurent, Simon, Michel,
    Lefebvre, Leroy, Roux, David, Bertrand, Morel, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine,
    Rousseau, Vincent, Muller, Lefèvre, Faure, André, Mercier, Blanc, Guérin, Boyer, Garnier, Chevalier,
    François, Legrand, Gauthier, Garcia, Perrin, Robin, Clément, Morin, Nicolas, Henry, Roussel, Mathieu,
    Gautier, Masson, Marchand, Duval
  `),
};

const spanish: NamePool = {
  firstNames: list(`
    Lucía, Hugo, Sofía, Martín, María, Pablo, Julia, Alejandro, Paula, Daniel, Valeria, Álvaro, Carmen,
    Adrián, Elena, Diego, Laura, Javier, Marta, Sergio, Ana, Carlos, Isabel, Manuel, Cristina, David,
    Pilar, José, Rosa, Juan, Teresa, Miguel, Lorena, Antonio, Beatriz, Francisco, Guadalupe, Jorge,
    Fernanda, Luis, Ximena, Santiago, Camila, Mateo, Regina
  `),
  lastNames: list(`
    García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz,
    Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso, Gutiérrez, Navarro, Torres, Domínguez,
    Vázquez, Ramos, Gil, Ramírez, Serrano, Blanco, Molina, Morales, Suárez, Ortega, Delgado, Castro, Ortiz,
    Rubio, Marín, Sanz, Núñez, Iglesias, Medina, Garrido, Cortés, Castillo, Santos, Lozano, Guerrero, Cano,
    Prieto, Méndez, Flores, Cruz, Reyes, Aguilar, Mendoza, Vargas, Rojas, Herrera, Chávez
  `),
};

const portuguese: NamePool = {
  firstNames: list(`
    Miguel, Helena, Arthur, Alice, Heitor, Laura, Bernardo, Manuela, Davi, Valentina, Théo, Sophia,
    Lorenzo, Isabella, Gabriel, Heloísa, Pedro, Luiza, Benjamin, Júlia, Matheus, Lorena, Lucas, Lívia,
    Rafael, Maria, Gustavo, Beatriz, Felipe, Mariana, João, Ana, Thiago, Fernanda, Bruno, Camila, Rodrigo,
    Patrícia, Leandro, Aline, Vinícius, Juliana
  `),
  lastNames: list(`
    Silva, Santos, Oliveira, Souza, Rodrigues, Ferreira, Alves, Pereira, Lima, Gomes, Costa, Ribeiro,
    Martins, Carvalho, Almeida, Lopes, Soares, Fernandes, Vieira, Barbosa, Rocha, Dias, Nascimento,
    Andrade, Moreira, Nunes, Marques, Machado, Mendes, Freitas, Cardoso, Ramos, Gonçalves, Santana,
    Teixeira, Araújo, Pinto, Correia, Monteiro, Moura, Cavalcanti, Barros, Campos, Batista, Pires, Cunha,
    Castro, Farias, Melo, Azevedo
  `),
};

const indian: NamePool = {
  firstNames: list(`
    Aarav, Aadhya, Vivaan, Ananya, Aditya, Diya, Vihaan, Saanvi, Arjun, Pari, Sai, Anika, Reyansh, Navya,
    Ayaan, Myra, Krishna, Sara, Ishaan, Ira, Rahul, Priya, Amit, Pooja, Rohit, Neha, Vikram, Kavya, Suresh,
    Lakshmi, Rajesh, Sunita, Sanjay, Deepika, Anil, Meera, Karthik, Divya, Nikhil, Shreya, Manoj, Swati,
    Arun, Riya, Harsh, Nisha
  `),
  lastNames: list(`
    Sharma, Verma, Gupta, Singh, Kumar, Patel, Shah, Mehta, Joshi, Reddy, Rao, Nair, Iyer, Menon, Pillai,
    Das, Banerjee, Chatterjee, Mukherjee, Bose, Ghosh, Sen, Mishra, Pandey, Tiwari, Dubey, Srivastava,
    Agarwal, Jain, Bansal, Malhotra, Kapoor, Khanna, Chopra, Bhatia, Saxena, Desai, Kulkarni, Deshpande,
    Patil, Naidu, Krishnan, Subramanian, Venkatesh, Chauhan, Yadav, Thakur, Rathore, Sinha, Kaur
  `),
};

const dutch: NamePool = {
  firstNames: list(`
    Daan, Emma, Sem, Julia, Lucas, Mila, Levi, Tess, Finn, Sophie, Milan, Zoë, Bram, Sara, Thijs, Fenna,
    Jesse, Lotte, Ruben, Anouk, Pieter, Femke, Joost, Marieke, Willem, Saskia, Maarten, Ingrid, Sander,
    Eline
  `),
  lastNames: list(`
    de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer,
    Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, Smits,
    de Graaf, van der Meer, van der Linden, Kok, Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen,
    van den Broek, de Bruijn, de Bruin, van der Heijden, Schouten, van Beek, Willems, van Vliet
  `),
};

const italian: NamePool = {
  firstNames: list(`
    Leonardo, Sofia, Francesco, Giulia, Alessandro, Aurora, Lorenzo, Alice, Mattia, Ginevra, Andrea, Emma,
    Gabriele, Giorgia, Riccardo, Beatrice, Tommaso, Chiara, Edoardo, Martina, Marco, Francesca, Giuseppe,
    Elisa, Luca, Federica, Davide, Valentina, Stefano, Silvia, Paolo, Roberta, Simone, Alessia, Matteo,
    Serena
  `),
  lastNames: list(`
    Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti,
    De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani,
    Rinaldi, Caruso, Ferrara, Galli, Martini, Leone, Longo, Gentile, Martinelli, Vitale, Lombardo, Serra,
    Coppola, De Santis, D'Angelo, Marchetti, Parisi, Villa, Conte, Ferraro, Ferri, Fabbri, Bianco, Marini,
    Grasso, Valentini
  `),
};

const polish: NamePool = {
  firstNames: list(`
    Antoni, Zuzanna, Jan, Julia, Jakub, Maja, Aleksander, Zofia, Franciszek, Hanna, Szymon, Lena, Filip,
    Alicja, Mikołaj, Maria, Wojciech, Oliwia, Kacper, Amelia, Piotr, Agnieszka, Krzysztof, Katarzyna,
    Tomasz, Małgorzata, Paweł, Magdalena, Michał, Joanna, Marcin, Ewa, Łukasz, Monika, Grzegorz, Beata
  `),
  lastNames: list(`
    Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak,
    Dąbrowski, Kozłowski, Jankowski, Mazur, Wojciechowski, Kwiatkowski, Krawczyk, Kaczmarek, Piotrowski,
    Grabowski, Zając, Pawłowski, Michalski, Król, Wieczorek, Jabłoński, Wróbel, Nowakowski, Majewski,
    Olszewski, Stępień, Malinowski, Jaworski, Adamczyk, Dudek, Nowicki, Pawlak, Górski, Witkowski, Walczak,
    Sikora, Baran, Rutkowski, Michalak, Szewczyk, Ostrowski, Tomaszewski, Pietrzak, Marciniak, Wróblewski,
    Kowalewski
  `),
};

const japanese: NamePool = {
  firstNames: list(`
    Haruto, Himari, Sota, Hina, Yuto, Yua, Minato, Sakura, Riku, Yuna, Hinata, Aoi, Ren, Mei, Takumi, Rin,
    Kenji, Yuki, Hiroshi, Akiko, Takeshi, Naoko, Daiki, Ayumi, Kazuki, Emi, Shota, Mai, Ryota, Kaori
  `),
  lastNames: list(`
    Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato, Yoshida, Yamada,
    Sasaki, Yamaguchi, Matsumoto, Inoue, Kimura, Hayashi, Shimizu, Yamazaki, Mori, Abe, Ikeda, Hashimoto,
    Yamashita, Ishikawa, Nakajima, Maeda, Fujita, Ogawa, Goto, Okada, Hasegawa, Murakami, Kondo, Ishii,
    Saito, Sakamoto, Endo, Aoki
  `),
};

/** Every name pool, for the share of contacts whose names do not follow their country. */
export const namePools: NamePool[] = [
  anglo,
  german,
  french,
  spanish,
  portuguese,
  indian,
  dutch,
  italian,
  polish,
  japanese,
];

/** Providers used everywhere, with their rough share of personal addresses. */
export const worldwideMailDomains: Array<[domain: string, weight: number]> = [
  ['gmail.com', 40],
  ['outlook.com', 10],
  ['hotmail.com', 8],
  ['yahoo.com', 8],
  ['icloud.com', 6],
  ['proton.me', 2],
  ['aol.com', 1],
];

export const regions: Region[] = [
  {
    country: 'United States',
    countryCode: 'US',
    weight: 22,
    names: anglo,
    cities: list(`
      New York, Los Angeles, Chicago, Houston, Phoenix, Philadelphia, San Antonio, San Diego, Dallas, Austin,
      San Francisco, Seattle, Denver, Boston, Atlanta, Miami, Portland, Nashville, Detroit, Minneapolis
    `),
    phone: {
      countryCode: '1',
      prefixes: list(`
        212, 646, 718, 213, 310, 323, 312, 773, 713, 832, 602, 215, 210, 619, 214, 512, 415, 628, 206, 303,
        617, 404, 305, 503, 615, 313, 612
      `),
      nationalDigits: 10,
    },
    mailDomains: list('comcast.net, att.net, verizon.net'),
  },
  {
    country: 'United Kingdom',
    countryCode: 'GB',
    weight: 9,
    names: anglo,
    cities: list(`
      London, Manchester, Birmingham, Leeds, Glasgow, Liverpool, Bristol, Edinburgh, Sheffield, Cardiff,
      Belfast, Nottingham
    `),
    phone: { countryCode: '44', prefixes: list('71, 73, 74, 75, 77, 78, 79'), nationalDigits: 10 },
    mailDomains: list('btinternet.com, sky.com, yahoo.co.uk'),
  },
  {
    country: 'Canada',
    countryCode: 'CA',
    weight: 4,
    names: anglo,
    cities: list('Toronto, Montreal, Vancouver, Calgary, Ottawa, Edmonton, Winnipeg, Quebec City'),
    phone: { countryCode: '1', prefixes: list('416, 647, 514, 604, 403, 613, 780, 204'), nationalDigits: 10 },
    mailDomains: list('rogers.com, shaw.ca, videotron.ca'),
  },
  {
    country: 'Australia',
    countryCode: 'AU',
    weight: 3,
    names: anglo,
    cities: list('Sydney, Melbourne, Brisbane, Perth, Adelaide, Canberra, Hobart'),
    phone: { countryCode: '61', prefixes: list('40, 41, 42, 43, 44, 45, 47'), nationalDigits: 9 },
    mailDomains: list('bigpond.com, optusnet.com.au'),
  },
  {
    country: 'Germany',
    countryCode: 'DE',
    weight: 9,
    names: german,
    cities: list(`
      Berlin, Hamburg, München, Köln, Frankfurt am Main, Stuttgart, Düsseldorf, Leipzig, Dortmund, Essen,
      Bremen, Dresden, Hannover, Nürnberg
    `),
    phone: {
      countryCode: '49',
      prefixes: list('151, 152, 157, 159, 160, 162, 170, 171, 172, 173, 175, 176, 177, 178'),
      nationalDigits: 11,
    },
    mailDomains: list('web.de, gmx.de, t-online.de'),
  },
  {
    country: 'France',
    countryCode: 'FR',
    weight: 7,
    names: french,
    cities: list('Paris, Marseille, Lyon, Toulouse, Nice, Nantes, Strasbourg, Montpellier, Bordeaux, Lille, Rennes'),
    phone: { countryCode: '33', prefixes: list('6, 7'), nationalDigits: 9 },
    mailDomains: list('orange.fr, free.fr, laposte.net, sfr.fr'),
  },
  {
    country: 'Spain',
    countryCode: 'ES',
    weight: 6,
    names: spanish,
    cities: list('Madrid, Barcelona, Valencia, Sevilla, Zaragoza, Málaga, Bilbao, Alicante, Murcia'),
    phone: { countryCode: '34', prefixes: list('6, 7'), nationalDigits: 9 },
    mailDomains: list('telefonica.net, yahoo.es'),
  },
  {
    country: 'Mexico',
    countryCode: 'MX',
    weight: 6,
    names: spanish,
    cities: list('Ciudad de México, Guadalajara, Monterrey, Puebla, Tijuana, León, Mérida, Querétaro'),
    phone: { countryCode: '52', prefixes: list('55, 33, 81, 222, 664, 477, 999, 442'), nationalDigits: 10 },
    mailDomains: list('prodigy.net.mx, yahoo.com.mx'),
  },
  {
    country: 'Brazil',
    countryCode: 'BR',
    weight: 8,
    names: portuguese,
    cities: list(
      'São Paulo, Rio de Janeiro, Brasília, Salvador, Fortaleza, Belo Horizonte, Manaus, Curitiba, Recife, Porto Alegre',
    ),
    phone: {
      countryCode: '55',
      prefixes: list('119, 219, 619, 719, 859, 319, 929, 419, 819, 519'),
      nationalDigits: 11,
    },
    mailDomains: list('uol.com.br, bol.com.br, terra.com.br'),
  },
  {
    country: 'India',
    countryCode: 'IN',
    weight: 10,
    names: indian,
    cities: list('Mumbai, Delhi, Bengaluru, Hyderabad, Ahmedabad, Chennai, Kolkata, Pune, Jaipur, Lucknow, Kochi'),
    phone: { countryCode: '91', prefixes: list('6, 7, 8, 9'), nationalDigits: 10 },
    mailDomains: list('rediffmail.com, yahoo.co.in'),
  },
  {
    country: 'Netherlands',
    countryCode: 'NL',
    weight: 3,
    names: dutch,
    cities: list('Amsterdam, Rotterdam, Den Haag, Utrecht, Eindhoven, Groningen, Tilburg'),
    phone: { countryCode: '31', prefixes: ['6'], nationalDigits: 9 },
    mailDomains: list('ziggo.nl, kpnmail.nl'),
  },
  {
    country: 'Italy',
    countryCode: 'IT',
    weight: 5,
    names: italian,
    cities: list('Roma, Milano, Napoli, Torino, Palermo, Genova, Bologna, Firenze, Bari, Verona'),
    phone: { countryCode: '39', prefixes: list('32, 33, 34, 36, 38, 39'), nationalDigits: 10 },
    mailDomains: list('libero.it, virgilio.it, alice.it'),
  },
  {
    country: 'Poland',
    countryCode: 'PL',
    weight: 4,
    names: polish,
    cities: list('Warszawa, Kraków, Łódź, Wrocław, Poznań, Gdańsk, Szczecin, Lublin'),
    phone: { countryCode: '48', prefixes: list('50, 51, 53, 57, 60, 66, 69, 72, 78, 79, 88'), nationalDigits: 9 },
    mailDomains: list('wp.pl, onet.pl, interia.pl, o2.pl'),
  },
  {
    country: 'Japan',
    countryCode: 'JP',
    weight: 4,
    names: japanese,
    cities: list('Tokyo, Yokohama, Osaka, Nagoya, Sapporo, Fukuoka, Kobe, Kyoto'),
    phone: { countryCode: '81', prefixes: list('70, 80, 90'), nationalDigits: 10 },
    mailDomains: list('docomo.ne.jp, yahoo.co.jp, ezweb.ne.jp'),
  },
];

/** Companies contacts work for; about half of the contacts name one. */
export const companyNames: string[] = list(`
  Acme Corporation, Globex, Initech, Umbrella Logistics, Stark Industries, Wayne Enterprises, Hooli,
  Pied Piper, Vandelay Industries, Soylent Foods, Tyrell Systems, Cyberdyne, Massive Dynamic,
  Wonka Confectionery, Gringotts Finance, Oscorp, Aperture Labs, Black Mesa Research, Dunder Mifflin,
  Sterling Cooper, Prestige Worldwide, Bluth Company, Monarch Solutions, Northwind Traders, Contoso,
  Fabrikam, Tailspin Toys, Adventure Works, Litware, Proseware, Wingtip Toys, Blue Yonder Airlines,
  Coho Winery, Fourth Coffee, Lucerne Publishing, Margie Travel, Alpine Ski House, Trey Research,
  Wide World Importers, Woodgrove Bank, Graphic Design Institute, Humongous Insurance, Relecloud,
  Southridge Video, VanArsdel, Nod Publishers, School of Fine Art, Consolidated Messenger,
  City Power & Light, Bellows College, Boreal Analytics, Kestrel Robotics, Lumen Health,
  Meridian Freight, Nimbus Cloudworks, Orchid Biotech, Polaris Energy, Quartz Media, Riverstone Capital,
  Saffron Kitchens, Tidewater Marine, Umber Textiles, Verdant Farms, Willow Architecture,
  Yellowtail Studios, Zephyr Mobility, Arbor Legal, Beacon Dental, Cascade Outfitters, Driftwood Hotels,
  Ember Games, Falcon Security, Granite Homes, Harbor Pharmacy, Ironbark Tools, Juniper Schools,
  Keystone Realty, Lantern Books, Maple Bakery, Nova Telecom
`);

/** Labels an account puts on contacts, with how often each is used. */
export const contactLabels: Array<[label: string, weight: number]> = [
  ['customer', 30],
  ['lead', 20],
  ['newsletter', 15],
  ['vip', 5],
  ['churn-risk', 6],
  ['beta', 4],
  ['partner', 3],
  ['enterprise', 4],
  ['support-priority', 3],
  ['event-2024', 5],
  ['event-2025', 5],
];
